import { CurrencyStatement } from '@mogul/contracts';
import fc from 'fast-check';
import { CHARITY_ACCOUNTS } from '../src/creators/statements.service';
import { GivingInvariants } from '../src/giving/giving-invariants';
import { LedgerInvariants, statementChainProblems } from '../src/ledger/invariants';
import { LedgerFixture, OPERATOR } from './support/ledger-fixture';
import {
  CHARITIES,
  CREATORS,
  deliverySequence,
  expectedOutcome,
  givingInOrder,
  givingTime,
  History,
  historyArb,
  PAYEES,
  STEP_MS,
} from './support/order-history';

const START = Date.UTC(2026, 0, 30, 12);
const MONTHS = ['2026-01', '2026-02'];
const creatorActor = (creatorId: string) => ({ userId: creatorId, roles: ['shopper' as const, 'creator' as const] });

/**
 * Random order histories, delivered reordered and repeated, with releases and payout runs (some
 * failing, to creators and to charities) in between, and creators giving a share of their
 * royalties to charities (settings changing on the way), against the real ledger on PostgreSQL:
 * every invariant holds to the cent.
 */
describe('payouts ledger (property)', () => {
  let fixture: LedgerFixture;

  beforeAll(async () => {
    // A hold of a step and a half, a low threshold and small batches: within a short history royalties are released,
    // paid out and refunded afterwards, and releases and runs cross batch boundaries.
    fixture = await LedgerFixture.create('payouts_property', {
      HOLD_PERIOD_SECONDS: String((STEP_MS / 1000) * 1.5),
      PAYOUT_THRESHOLD_MINOR: '100',
      RELEASE_BATCH_SIZE: '3',
      PAYOUT_BATCH_SIZE: '2',
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Every page of every month's statement for the creator (or the charity) in the currency, in order. */
  async function statementPages(holderId: string, currency: string, charity = false): Promise<CurrencyStatement[]> {
    const pages: CurrencyStatement[] = [];
    for (const month of MONTHS) {
      let cursor: string | undefined;
      do {
        const request = { month, currency, limit: 3, cursor };
        const [page] = charity
          ? await fixture.statements.pages(holderId, CHARITY_ACCOUNTS, request)
          : (await fixture.statements.statement(creatorActor(holderId), request)).currencies;
        pages.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return pages;
  }

  async function replay(history: History): Promise<void> {
    await fixture.reset();
    await fixture.addCharities(CHARITIES);
    for (const spec of givingInOrder(history)) {
      await fixture.giving.set(
        creatorActor(CREATORS[spec.creator]),
        { charityId: CHARITIES[spec.charity], percent: spec.percent },
        givingTime(START, spec),
      );
    }
    fixture.nowMs = START;
    let runs = 0;
    for (const step of deliverySequence(history, START)) {
      fixture.nowMs += STEP_MS;
      if (step.kind === 'event') {
        await fixture.deliver(step.event);
      } else if (step.operation.kind === 'release') {
        await fixture.release.releaseDue(fixture.now);
      } else {
        const failing = step.operation.kind === 'run-failing' ? [PAYEES[step.operation.failing]] : [];
        fixture.provider.failCreators(failing);
        const runId = `run-${++runs}`;
        const run = await fixture.runs.startRun(OPERATOR, runId, { correlationId: runId });
        // The same id again is the same run: nobody is paid twice.
        const again = await fixture.runs.startRun(OPERATOR, runId, { correlationId: runId });
        expect(again).toEqual(run);
        fixture.provider.payCreators(failing);
      }
    }
    // Everything held long enough is released, and a last run pays what is available.
    fixture.nowMs += 2 * 86_400_000;
    await fixture.release.releaseDue(fixture.now);
    await fixture.runs.startRun(OPERATOR, 'final', { correlationId: 'final' });
  }

  it('keeps every invariant to the cent whatever the order and repetition of events', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (history) => {
        await replay(history);
        const expected = expectedOutcome(history, START);

        expect(await LedgerInvariants.all(fixture.dataSource)).toEqual([]);
        expect(Object.fromEntries(await LedgerInvariants.netRoyalties(fixture.dataSource))).toEqual(Object.fromEntries(expected.net));
        expect(Object.fromEntries(await GivingInvariants.netDonations(fixture.dataSource))).toEqual(Object.fromEntries(expected.charities));

        for (const charityId of CHARITIES) {
          for (const currency of ['AUD', 'JPY']) {
            const pages = await statementPages(charityId, currency, true);
            expect(statementChainProblems(pages)).toEqual([]);
            const [held]: { available: string | null }[] = await fixture.dataSource.query(
              `SELECT sum(balance) FILTER (WHERE kind = 'charity_available') AS available FROM ledger_accounts WHERE holder_id = $1 AND currency = $2`,
              [charityId, currency],
            );
            expect(Number(held.available ?? 0)).toBeLessThan(fixture.config.PAYOUT_THRESHOLD_MINOR);
          }
        }

        for (const creatorId of CREATORS) {
          for (const currency of ['AUD', 'JPY']) {
            const pages = await statementPages(creatorId, currency);
            expect(statementChainProblems(pages)).toEqual([]);
            const earnings = (await fixture.earnings(creatorId)).currencies.find((c) => c.currency === currency);
            const closing = pages[pages.length - 1].closingBalance.amount;
            expect(closing).toBe((earnings?.pending.amount ?? 0) + (earnings?.available.amount ?? 0));
            expect(earnings?.lifetime.earned.amount ?? 0).toBe(expected.net.get(`${creatorId}:${currency}`) ?? 0);
            expect(earnings?.donated.lifetime.amount ?? 0).toBe(expected.donated.get(`${creatorId}:${currency}`) ?? 0);
            const ineligible = expected.ineligible.get(`${creatorId}:${currency}`) ?? { lines: 0, amount: 0 };
            expect(earnings?.ineligible ?? { lines: 0, amount: { amount: 0, currency } }).toEqual({
              lines: ineligible.lines,
              amount: { amount: ineligible.amount, currency },
            });
            // The final run left no available balance at or above the threshold unpaid.
            expect(earnings?.available.amount ?? 0).toBeLessThan(fixture.config.PAYOUT_THRESHOLD_MINOR);
          }
        }
      }),
      { numRuns: 30, interruptAfterTimeLimit: 45_000 },
    );
  }, 60_000);
});
