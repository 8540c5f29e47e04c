import { Injectable } from '@nestjs/common';
import { Causation, envelope, EventEnvelope } from '@mogul/contracts';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CharityDonations, donationPostings } from '../giving/charity-donations';
import { notifyEarningsChanged } from '../ledger/earnings-changed';
import { Ledger, postingTime } from '../ledger/ledger';
import { Accrual, ACCRUAL_COLUMNS, accrualFromRow, accrualPostings, AccrualRow } from './accrual';
import { reportedLines, QueuedEvent } from './line-reports';
import { LineMilestone, OrderLineState, recordMilestones } from './order-lines';
import { splitRoyalty } from './royalty-split';
import { royaltyEvents } from './royalty.events';
import { preparedQuery } from '@mogul/persistence';

/** An accrual's line and share as parameter arrays, in the column order the inserts below use. */
const lineColumns = (accruals: Accrual[]) => [
  accruals.map((a) => a.lineId),
  accruals.map((a) => a.kind),
  accruals.map((a) => a.orderId),
  accruals.map((a) => a.productId),
  accruals.map((a) => a.creatorId),
  accruals.map((a) => a.currency),
  accruals.map((a) => a.amount),
  accruals.map((a) => a.quantity),
];

type Causes = Map<string, Partial<Record<LineMilestone, { cause: Causation }>>>;

/**
 * Turns order events into royalty postings, a run of events at a time and set-based: a run of 50
 * events costs about as many statements as one. Takes the ledger's write lock first, records what
 * happened to the lines, and applies only what is new:
 * - paid: each line's shares accrue as pending (or are recorded as ineligible);
 * - fulfilled: the hold period of the lines' accruals starts;
 * - refunded, or cancelled after payment: the lines' accruals are reversed in full.
 * A payment that arrives after the line's fulfilment or refund accrues and then applies them.
 * A creator who gives to charity has the charity's part of each accrual split off as it accrues
 * (`CharityDonations`), held, released and reversed beside it.
 */
@Injectable()
export class RoyaltyLedgerService {
  private readonly donations: CharityDonations;

  constructor(private readonly ledger: Ledger) {
    this.donations = new CharityDonations(ledger);
  }

  async applyOrderEvents(manager: EntityManager, events: QueuedEvent[]): Promise<void> {
    const reports = reportedLines(events);
    if (reports.length === 0) return;
    await this.ledger.lock(manager);
    const lines = await recordMilestones(manager, reports);
    const causes: Causes = new Map(reports.map((n) => [n.snapshot.lineId, n.milestones]));
    const accrued = await this.accrue(
      manager,
      lines.filter((l) => l.newly.paid),
      causes,
    );
    await this.startHolds(
      manager,
      lines.filter((l) => l.newly.fulfilled && !l.newly.paid),
    );
    const reversed = await this.reverse(
      manager,
      lines.filter((l) => l.refundedAt !== null && (l.newly.refunded || l.newly.paid)),
      causes,
    );
    await appendToOutbox(manager, [...accrued, ...reversed]);
  }

  /** Accrues the newly paid lines' eligible shares and records the others; returns the events to publish. */
  private async accrue(manager: EntityManager, lines: OrderLineState[], causes: Causes): Promise<EventEnvelope[]> {
    const accruals: (Accrual & { paidAt: Date; fulfilledAt: Date | null })[] = [];
    const ineligible: Accrual[] = [];
    for (const line of lines) {
      for (const share of splitRoyalty(line, line.shopperId)) {
        const accrual = {
          id: randomUUID(),
          lineId: line.lineId,
          kind: share.kind,
          orderId: line.orderId,
          productId: line.productId,
          creatorId: share.creatorId,
          currency: line.currency,
          amount: share.amount,
          quantity: line.quantity,
          donated: 0,
        };
        // A newly paid line has its payment time.
        if (share.eligible) accruals.push({ ...accrual, paidAt: line.paidAt as Date, fulfilledAt: line.fulfilledAt });
        else ineligible.push(accrual);
      }
    }
    if (ineligible.length > 0) {
      await manager.query(
        `INSERT INTO ineligible_lines (line_id, kind, order_id, product_id, creator_id, currency, amount, quantity, recorded_at)
         SELECT l.*, clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::int[]) AS l
         ON CONFLICT DO NOTHING`,
        lineColumns(ineligible),
      );
      // Earnings count ineligible lines too, though nothing is posted for them.
      await notifyEarningsChanged(
        manager,
        ineligible.map((a) => a.creatorId),
      );
    }
    // Each charity's part is posted right after its accrual, so a statement shows them side by side.
    const gifts = await this.donations.plan(manager, accruals);
    const giftOf = new Map(gifts.map((g) => [g.accrualId, g]));
    const posted = await this.ledger.post(
      manager,
      accruals.flatMap((a) => {
        const gift = giftOf.get(a.id);
        return gift ? [accrualPostings.accrue(a), donationPostings.give(gift)] : [accrualPostings.accrue(a)];
      }),
    );
    const accrued = accruals.filter((a) => posted.has(accrualPostings.accrue(a).key));
    const at = postingTime(posted);
    if (!at) return [];
    const donated = await this.donations.record(
      manager,
      gifts.filter((g) => posted.has(donationPostings.give(g).key)),
      at,
    );
    await preparedQuery(
      manager,
      'royalties.insert-accruals',
      `INSERT INTO accruals (line_id, kind, order_id, product_id, creator_id, currency, amount, quantity, id, fulfilled_at, donated, status, accrued_at)
       SELECT a.*, 'pending', $12::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::int[], $9::uuid[], $10::timestamptz[],
                   $11::bigint[]) AS a`,
      [
        ...lineColumns(accrued),
        accrued.map((a) => a.id),
        accrued.map((a) => a.fulfilledAt),
        accrued.map((a) => donated.get(a.id) ?? 0),
        at,
      ],
    );
    return accrued.map((a) => envelope(royaltyEvents.accrued(a, at), causeOf(causes, a.lineId, 'paid'), at));
  }

  /** Fulfilment starts the hold of the lines' accruals (a line paid in this run got its fulfilment with its accruals). */
  private async startHolds(manager: EntityManager, lines: OrderLineState[]): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `UPDATE accruals a SET fulfilled_at = f.fulfilled_at
       FROM unnest($1::uuid[], $2::timestamptz[]) AS f(line_id, fulfilled_at)
       WHERE a.line_id = f.line_id AND a.fulfilled_at IS NULL`,
      [lines.map((l) => l.lineId), lines.map((l) => l.fulfilledAt)],
    );
    await this.donations.startHolds(manager, lines);
  }

  /** Reverses every accrual of the lines not reversed yet: from pending, or from available once released. */
  private async reverse(manager: EntityManager, lines: OrderLineState[], causes: Causes): Promise<EventEnvelope[]> {
    if (lines.length === 0) return [];
    const rows: AccrualRow[] = await manager.query(
      `SELECT ${ACCRUAL_COLUMNS} FROM accruals WHERE line_id = ANY($1::uuid[]) AND status <> 'reversed' ORDER BY id FOR UPDATE`,
      [lines.map((l) => l.lineId)],
    );
    const accruals = rows.map(accrualFromRow);
    const from = (a: (typeof accruals)[number]) => (a.status === 'available' ? 'available' : 'pending');
    // The charities give their parts back first: the creator's reversal then takes the whole accrual.
    await this.donations.giveBack(manager, new Map(accruals.filter((a) => a.donated > 0).map((a) => [a.id, from(a)])));
    const posted = await this.ledger.post(
      manager,
      accruals.map((a) => accrualPostings.reverse(a, from(a))),
    );
    const reversed = accruals.filter((a) => posted.has(accrualPostings.reverse(a, from(a)).key));
    const at = postingTime(posted);
    if (!at) return [];
    await manager.query(
      `UPDATE accruals a SET status = 'reversed', reversed_at = $3, reversed_from = r.from_status
       FROM unnest($1::uuid[], $2::text[]) AS r(id, from_status) WHERE a.id = r.id`,
      [reversed.map((a) => a.id), reversed.map(from), at],
    );
    const refundedNow = new Set(lines.filter((l) => l.newly.refunded).map((l) => l.lineId));
    return reversed.map((a) =>
      envelope(royaltyEvents.reversed(a, from(a), at), causeOf(causes, a.lineId, refundedNow.has(a.lineId) ? 'refunded' : 'paid'), at),
    );
  }
}

/** The event that reported the milestone causes what it leads to. */
function causeOf(causes: Causes, lineId: string, milestone: LineMilestone): Causation {
  const cause = causes.get(lineId)?.[milestone]?.cause;
  if (!cause) throw new Error(`no event reported ${milestone} for line ${lineId} in this run`);
  return cause;
}
