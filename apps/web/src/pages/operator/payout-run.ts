import type { PayoutRunView } from '@mogul/contracts';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';

export const PAYOUTS_PAGE = 50;
const RUN_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Today's run id, `run-2026-05-14`: one run a day unless the operator names it otherwise. */
export function defaultRunId(now = new Date()): string {
  return `run-${now.toISOString().slice(0, 10)}`;
}

/** The problem with a run id before it is sent, named as the API names it. */
export function runIdProblem(runId: string): ApiProblem | undefined {
  if (RUN_ID.test(runId)) return undefined;
  return new ApiProblem(400, 'about:blank', 'Check the run id', '', [
    { field: 'runId', message: "Use 1–100 letters, digits, '.', '_' and '-'." },
  ]);
}

export function startRun(runId: string): Promise<PayoutRunView> {
  return api.post<PayoutRunView>('/payouts/runs', { runId });
}

export function readRun(runId: string, cursor?: string, signal?: AbortSignal): Promise<PayoutRunView> {
  return api.get<PayoutRunView>(`/payouts/runs/${encodeURIComponent(runId)}`, { query: { limit: PAYOUTS_PAGE, cursor }, signal });
}
