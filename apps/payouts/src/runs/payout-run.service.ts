import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CursorPatterns, decodeCursor, encodeCursor } from '@mogul/persistence';
import { Causation, envelope, NewEvent, PayeeKind, PayoutLimits, PayoutRunView, PayoutStatus } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PayoutsConfig } from '../config';
import { NotAllowedError, PayoutRunNotFoundError } from '../errors';
import { Ledger } from '../ledger/ledger';
import { PLATFORM_HOLDER } from '../ledger/posting';
import { Payout, payoutFromRow, PayoutRow, payoutPostings } from './payout';
import { PayoutProvider, PayoutResult } from './payout-provider';
import { payoutEvents } from './payout.events';

/** How long a run's executor holds it between renewals; after that another call with the run id resumes it. */
const CLAIM_SECONDS = 60;
const PROVIDER_ATTEMPTS = 3;

export interface RunPage {
  cursor?: string;
  limit?: number;
}

/**
 * One batch of a run, in one statement: the next available accounts of the payee kind (in id
 * order, after the last batch) at or above the threshold and without a payout in this run become
 * pending payouts of their whole balance. The kind is written into the text, not passed, so that
 * the planner uses that kind's partial index.
 */
const createBatch = (payee: PayeeKind) => `
  WITH picked AS MATERIALIZED (
    SELECT a.id AS account_id, a.holder_id AS creator_id, a.currency, a.balance
    FROM ledger_accounts a
    WHERE a.kind = '${payee}_available' AND a.id > $2 AND a.balance >= $3
      AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.run_id = $1 AND p.creator_id = a.holder_id AND p.currency = a.currency)
    ORDER BY a.id
    LIMIT $4
  ), created AS (
    INSERT INTO payouts (id, run_id, creator_id, payee, currency, amount, status, created_at)
    SELECT gen_random_uuid(), $1, creator_id, '${payee}', currency, balance, 'pending', now() FROM picked
    RETURNING id, run_id, creator_id, payee, currency, amount
  )
  SELECT created.*, (SELECT max(account_id) FROM picked)::text AS last_account_id FROM created`;

/** Creators first, then the charities they give to. */
const PAYEES: PayeeKind[] = ['creator', 'charity'];
const CREATE_BATCH = new Map(PAYEES.map((payee) => [payee, createBatch(payee)]));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function requireOperator(actor: Actor): void {
  if (!actor.roles.includes('operator')) throw new NotAllowedError('only an operator can run payouts');
}

/**
 * Payout runs: idempotent per run id (the id is the primary key: the same id, even at the same
 * time, is one run). A run walks the available balances in batches: one transaction creates a
 * batch's payouts and posts them to clearing, the provider is asked outside any transaction, and
 * one transaction settles the batch (paid, or returned to available) with its events. A run that
 * stopped half-way (a crash, a provider outage) resumes with the same id once its claim lapses.
 */
@Injectable()
export class PayoutRunService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PayoutRunService.name);
  private readonly executing = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly provider: PayoutProvider,
    private readonly config: PayoutsConfig,
  ) {}

  /** Resumes the runs a stopped process left behind. */
  async onApplicationBootstrap(): Promise<void> {
    const abandoned: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM payout_runs WHERE status = 'running' AND claimed_until < now()`,
    );
    for (const { id } of abandoned) {
      if (await this.claim(id, null)) this.launch(id, { correlationId: randomUUID() });
    }
  }

  /** Lets the batch in flight finish; an unfinished run resumes when started again. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.executing.values());
  }

  /**
   * Starts the run (or finds the one this id started) and answers it once it completed, or as
   * `running` after PAYOUT_RUN_REPLY_WAIT_MS.
   */
  async startRun(actor: Actor, runId: string, cause: Causation): Promise<PayoutRunView> {
    requireOperator(actor);
    if (!this.executing.has(runId) && (await this.claim(runId, actor.userId))) this.launch(runId, cause);
    await this.untilSettled(runId, this.config.PAYOUT_RUN_REPLY_WAIT_MS);
    return this.view(runId, {});
  }

  async getRun(actor: Actor, runId: string, page: RunPage): Promise<PayoutRunView> {
    requireOperator(actor);
    return this.view(runId, page);
  }

  /** Inserts the run, or takes over a running one whose claim lapsed; true when the caller is to execute it. */
  private async claim(runId: string, operatorId: string | null): Promise<boolean> {
    if (operatorId !== null) {
      const created: unknown[] = await this.dataSource.query(
        `INSERT INTO payout_runs (id, status, started_by, started_at, claimed_until)
         VALUES ($1, 'running', $2, now(), now() + make_interval(secs => $3))
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [runId, operatorId, CLAIM_SECONDS],
      );
      if (created.length > 0) return true;
    }
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const taken: unknown[] = await this.dataSource.query(
      `WITH taken AS (
         UPDATE payout_runs SET claimed_until = now() + make_interval(secs => $2)
         WHERE id = $1 AND status = 'running' AND claimed_until < now() RETURNING id
       ) SELECT id FROM taken`,
      [runId, CLAIM_SECONDS],
    );
    return taken.length > 0;
  }

  private launch(runId: string, cause: Causation): void {
    const execution = this.execute(runId, cause)
      .catch((error: unknown) => this.logger.error({ err: error, runId }, 'payout run stopped; starting it again resumes it'))
      .finally(() => this.executing.delete(runId));
    this.executing.set(runId, execution);
  }

  private async execute(runId: string, cause: Causation): Promise<void> {
    await this.settleUnsettled(runId, cause);
    for (const payee of PAYEES) {
      let after = '0';
      for (;;) {
        if (this.stopping) return;
        const batch = await this.createBatch(runId, payee, after);
        if (batch.payouts.length === 0) break;
        after = batch.lastAccountId;
        await this.settle(batch.payouts, cause);
      }
    }
    await this.dataSource.query(`UPDATE payout_runs SET status = 'completed', completed_at = now(), claimed_until = NULL WHERE id = $1`, [
      runId,
    ]);
  }

  private async createBatch(runId: string, payee: PayeeKind, after: string): Promise<{ payouts: Payout[]; lastAccountId: string }> {
    return this.dataSource.transaction(async (manager) => {
      await this.ledger.lock(manager);
      const rows: (PayoutRow & { last_account_id: string })[] = await manager.query(CREATE_BATCH.get(payee) as string, [
        runId,
        after,
        this.config.PAYOUT_THRESHOLD_MINOR,
        this.config.PAYOUT_BATCH_SIZE,
      ]);
      const payouts = rows.map(payoutFromRow);
      await this.ledger.post(manager, payouts.map(payoutPostings.hand));
      await this.renewClaim(manager, runId);
      return { payouts, lastAccountId: rows[0]?.last_account_id ?? after };
    });
  }

  /** Payouts handed over before a stop, asked for again (the provider dedupes by payout id). */
  private async settleUnsettled(runId: string, cause: Causation): Promise<void> {
    for (;;) {
      const rows: PayoutRow[] = await this.dataSource.query(
        `SELECT id, run_id, creator_id, payee, currency, amount FROM payouts WHERE run_id = $1 AND status = 'pending' ORDER BY id LIMIT $2`,
        [runId, this.config.PAYOUT_BATCH_SIZE],
      );
      if (rows.length === 0) return;
      await this.settle(rows.map(payoutFromRow), cause);
    }
  }

  private async settle(payouts: Payout[], cause: Causation): Promise<void> {
    const results = new Map((await this.askProvider(payouts)).map((r) => [r.payoutId, r]));
    const outcome = (p: Payout): PayoutResult =>
      results.get(p.id) ?? { payoutId: p.id, outcome: 'failed', reason: 'no_answer_from_provider' };
    await this.dataSource.transaction(async (manager) => {
      await this.ledger.lock(manager);
      await this.ledger.post(
        manager,
        payouts.map((p) => (outcome(p).outcome === 'paid' ? payoutPostings.paid(p) : payoutPostings.returned(p))),
      );
      const settled: { id: string }[] = await manager.query(
        `WITH settled AS (
           UPDATE payouts p SET status = r.status, provider_reference = r.reference, failure_reason = r.reason, settled_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS r(id, status, reference, reason)
           WHERE p.id = r.id AND p.status = 'pending'
           RETURNING p.id
         ) SELECT id FROM settled`,
        [
          payouts.map((p) => p.id),
          payouts.map((p) => outcome(p).outcome),
          payouts.map((p) => {
            const r = outcome(p);
            return r.outcome === 'paid' ? r.reference : null;
          }),
          payouts.map((p) => {
            const r = outcome(p);
            return r.outcome === 'failed' ? r.reason : null;
          }),
        ],
      );
      const settledIds = new Set(settled.map((s) => s.id));
      const now = new Date();
      const events = payouts
        .filter((p) => settledIds.has(p.id))
        .map((p): NewEvent => {
          const r = outcome(p);
          return r.outcome === 'paid' ? payoutEvents.paid(p, r.reference, now) : payoutEvents.failed(p, r.reason, now);
        });
      await appendToOutbox(
        manager,
        events.map((event) => envelope(event, cause, now)),
      );
      if (payouts.length > 0) await this.renewClaim(manager, payouts[0].runId);
    });
  }

  /** The provider's answers; an error (outcome unknown) is asked again, then stops the run for a later resume. */
  private async askProvider(payouts: Payout[]): Promise<PayoutResult[]> {
    const requests = payouts.map((p) => ({ payoutId: p.id, creatorId: p.creatorId, amount: { amount: p.amount, currency: p.currency } }));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.provider.pay(requests);
      } catch (error) {
        if (attempt >= PROVIDER_ATTEMPTS || this.stopping) throw error;
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  private async renewClaim(manager: EntityManager, runId: string): Promise<void> {
    await manager.query(`UPDATE payout_runs SET claimed_until = now() + make_interval(secs => $2) WHERE id = $1`, [runId, CLAIM_SECONDS]);
  }

  /** Waits for the run to complete, up to `ms`. */
  private async untilSettled(runId: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    const mine = this.executing.get(runId);
    if (mine) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([mine, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      return;
    }
    while (Date.now() < deadline) {
      const [run] = await this.dataSource.query(`SELECT status FROM payout_runs WHERE id = $1`, [runId]);
      if (!run || run.status === 'completed') return;
      await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
    }
  }

  /** The run with its totals per currency and a page of its payouts, by creator. */
  private async view(runId: string, page: RunPage): Promise<PayoutRunView> {
    const [run] = await this.dataSource.query(`SELECT id, status, started_at, completed_at FROM payout_runs WHERE id = $1`, [runId]);
    if (!run) throw new PayoutRunNotFoundError(runId);
    const counted: { currency: string; status: PayoutStatus; count: number; amount: string }[] = await this.dataSource.query(
      `SELECT currency, status, count(*)::int AS count, sum(amount)::text AS amount FROM payouts WHERE run_id = $1
       GROUP BY currency, status ORDER BY currency`,
      [runId],
    );
    const totals = new Map<string, PayoutRunView['totals'][number]>();
    for (const row of counted) {
      const zero = { amount: 0, currency: row.currency };
      const total = totals.get(row.currency) ?? { currency: row.currency, paid: zero, paidCount: 0, failed: zero, failedCount: 0 };
      if (row.status === 'paid')
        Object.assign(total, { paid: { amount: Number(row.amount), currency: row.currency }, paidCount: row.count });
      if (row.status === 'failed')
        Object.assign(total, { failed: { amount: Number(row.amount), currency: row.currency }, failedCount: row.count });
      totals.set(row.currency, total);
    }

    const limit = page.limit ?? PayoutLimits.runPageDefault;
    // No creator has the nil uuid (it holds the platform's accounts): the first page starts after it.
    const after = page.cursor
      ? decodeCursor(page.cursor, { c: CursorPatterns.uuid, k: CursorPatterns.currency })
      : { c: PLATFORM_HOLDER, k: '' };
    const rows: {
      id: string;
      creator_id: string;
      payee: PayeeKind;
      currency: string;
      amount: string;
      status: PayoutStatus;
      provider_reference: string | null;
      failure_reason: string | null;
    }[] = await this.dataSource.query(
      `SELECT id, creator_id, payee, currency, amount, status, provider_reference, failure_reason FROM payouts
       WHERE run_id = $1 AND (creator_id, currency) > ($2::uuid, $3::text)
       ORDER BY creator_id, currency LIMIT $4`,
      [runId, after.c, after.k, limit + 1],
    );
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    return {
      id: run.id,
      status: run.status,
      startedAt: run.started_at.toISOString(),
      completedAt: run.completed_at ? run.completed_at.toISOString() : null,
      totals: [...totals.values()],
      payouts: pageRows.map((r) => ({
        id: r.id,
        creatorId: r.creator_id,
        payee: r.payee,
        amount: { amount: Number(r.amount), currency: r.currency },
        status: r.status,
        providerReference: r.provider_reference,
        failureReason: r.failure_reason,
      })),
      nextCursor: rows.length > limit ? encodeCursor({ c: last.creator_id, k: last.currency }) : null,
    };
  }
}
