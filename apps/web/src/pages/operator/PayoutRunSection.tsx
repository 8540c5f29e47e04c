import type { PayoutRunView, PayoutView } from '@mogul/contracts';
import { FormEvent, useEffect, useState } from 'react';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';
import { PayoutRunDetails } from './PayoutRunDetails';
import { defaultRunId, readRun, runIdProblem, startRun } from './payout-run';

/** While a run is still paying, it is read again this often. */
const RUNNING_POLL_MS = 2_000;

interface Shown {
  run: PayoutRunView;
  payouts: PayoutView[];
  nextCursor: string | null;
}

const shownOf = (run: PayoutRunView): Shown => ({ run, payouts: run.payouts, nextCursor: run.nextCursor });

/** Starts a payout run (or looks one up by its id) and shows its totals and its payouts, a page at a time. */
export function PayoutRunSection() {
  const [runId, setRunId] = useState(defaultRunId);
  const [shown, setShown] = useState<Shown>();
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState(false);

  const perform = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const checked = () => {
    const id = runId.trim();
    const wrong = runIdProblem(id);
    if (wrong) setProblem(wrong);
    return wrong ? undefined : id;
  };
  const start = (event: FormEvent) => {
    event.preventDefault();
    const id = checked();
    if (id) void perform(async () => setShown(shownOf(await startRun(id))));
  };
  const lookUp = () => {
    const id = checked();
    if (id) void perform(async () => setShown(shownOf(await readRun(id))));
  };
  const more = (run: PayoutRunView, cursor: string) =>
    void perform(async () => {
      const page = await readRun(run.id, cursor);
      setShown((s) => s && { run: page, payouts: [...s.payouts, ...page.payouts], nextCursor: page.nextCursor });
    });

  const running = shown?.run.status === 'running' ? shown.run.id : undefined;
  useEffect(() => {
    if (!running) return;
    const abort = new AbortController();
    const timer = setInterval(() => {
      readRun(running, undefined, abort.signal).then(
        (run) => setShown(shownOf(run)),
        () => undefined,
      );
    }, RUNNING_POLL_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [running]);

  return (
    <section aria-labelledby="payout-runs-title">
      <h2 id="payout-runs-title">Payout runs</h2>
      <p className="muted">
        A run pays every creator whose available balance has reached the payout threshold. The run id is yours: starting the same id again
        shows that run and pays nobody twice.
      </p>
      <form onSubmit={start} noValidate className="narrow">
        <ProblemMessage problem={problem} fields={['runId']} />
        <Field label="Run id" name="runId" problem={problem} hint="Letters, digits, '.', '_' and '-'">
          {(input) => (
            <input {...input} value={runId} onChange={(e) => setRunId(e.target.value)} required autoComplete="off" spellCheck={false} />
          )}
        </Field>
        <div className="row">
          <button type="submit" disabled={busy}>
            Start payout run
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={lookUp}>
            Show run
          </button>
        </div>
      </form>
      <div aria-live="polite">{busy && !shown && <p aria-busy="true">Working…</p>}</div>
      {shown && (
        <PayoutRunDetails
          run={shown.run}
          payouts={shown.payouts}
          hasMore={shown.nextCursor !== null}
          loading={busy}
          onMore={() => shown.nextCursor && more(shown.run, shown.nextCursor)}
        />
      )}
    </section>
  );
}
