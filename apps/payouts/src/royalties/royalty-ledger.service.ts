import { Injectable } from '@nestjs/common';
import { Causation, envelope, NewEvent, OrderFulfilledV1, OrderLineSnapshotV1, OrderPaidV1 } from '@mogul/contracts';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Ledger, postingTime } from '../ledger/ledger';
import { Accrual, ACCRUAL_COLUMNS, accrualFromRow, accrualPostings, AccrualRow } from './accrual';
import { markLines, OrderLineState } from './order-lines';
import { splitRoyalty } from './royalty-split';
import { royaltyEvents } from './royalty.events';

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

export interface OrderRef {
  orderId: string;
  shopperId: string;
}

/**
 * Turns order events into royalty postings. Each method runs in the consumer's transaction,
 * takes the ledger's write lock first, records what happened to the lines, and applies only
 * what is news: a late `paid` accrues and then applies the fulfilment or refund seen before it.
 */
@Injectable()
export class RoyaltyLedgerService {
  constructor(private readonly ledger: Ledger) {}

  /** orders.order.paid: every line accrues its creators' shares as pending, or is recorded as ineligible. */
  async accrueForPaidOrder(manager: EntityManager, paid: OrderPaidV1, cause: Causation): Promise<void> {
    await this.ledger.lock(manager);
    const lines = await markLines(manager, paid, paid.lines, 'paid_at', new Date(paid.paidAt));
    if (lines.length === 0) return;
    const accruals: (Accrual & { fulfilledAt: Date | null })[] = [];
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
        };
        if (share.eligible) accruals.push({ ...accrual, fulfilledAt: line.fulfilledAt });
        else ineligible.push(accrual);
      }
    }
    await this.recordIneligible(manager, ineligible);
    const posted = await this.ledger.post(manager, accruals.map(accrualPostings.accrue));
    const accrued = accruals.filter((a) => posted.has(accrualPostings.accrue(a).key));
    const at = postingTime(posted);
    if (at) {
      await manager.query(
        `INSERT INTO accruals (line_id, kind, order_id, product_id, creator_id, currency, amount, quantity, id, fulfilled_at, status, accrued_at)
         SELECT a.*, 'pending', $11::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::int[], $9::uuid[], $10::timestamptz[]) AS a`,
        [...lineColumns(accrued), accrued.map((a) => a.id), accrued.map((a) => a.fulfilledAt), at],
      );
      await this.publish(
        manager,
        accrued.map((a) => royaltyEvents.accrued(a, at)),
        cause,
      );
    }
    // A refund that arrived before the payment takes the royalty straight back.
    const refunded = lines.filter((l) => l.refundedAt !== null);
    await this.reverseAccrualsOf(manager, refunded, cause);
  }

  /** orders.order.fulfilled: the lines' hold period starts at the fulfilment. */
  async recordFulfilment(manager: EntityManager, fulfilled: OrderFulfilledV1): Promise<void> {
    await this.ledger.lock(manager);
    const at = new Date(fulfilled.fulfilledAt);
    const lines = await markLines(manager, fulfilled, fulfilled.lines, 'fulfilled_at', at);
    if (lines.length === 0) return;
    await manager.query(`UPDATE accruals SET fulfilled_at = $2 WHERE line_id = ANY($1::uuid[]) AND fulfilled_at IS NULL`, [
      lines.map((l) => l.lineId),
      at,
    ]);
  }

  /** orders.order.refunded and orders.order.cancelled: the refunded lines' accruals are reversed in full. */
  async reverseRefundedLines(
    manager: EntityManager,
    order: OrderRef,
    refundedLines: OrderLineSnapshotV1[],
    refundedAt: Date,
    cause: Causation,
  ): Promise<void> {
    await this.ledger.lock(manager);
    const lines = await markLines(manager, order, refundedLines, 'refunded_at', refundedAt);
    await this.reverseAccrualsOf(manager, lines, cause);
  }

  /** Reverses every accrual of the lines not reversed yet: from pending, or from available once released. */
  private async reverseAccrualsOf(manager: EntityManager, lines: OrderLineState[], cause: Causation): Promise<void> {
    if (lines.length === 0) return;
    const rows: AccrualRow[] = await manager.query(
      `SELECT ${ACCRUAL_COLUMNS} FROM accruals WHERE line_id = ANY($1::uuid[]) AND status <> 'reversed' ORDER BY id FOR UPDATE`,
      [lines.map((l) => l.lineId)],
    );
    if (rows.length === 0) return;
    const accruals = rows.map(accrualFromRow);
    const from = (a: (typeof accruals)[number]) => (a.status === 'available' ? 'available' : 'pending');
    const posted = await this.ledger.post(
      manager,
      accruals.map((a) => accrualPostings.reverse(a, from(a))),
    );
    const reversed = accruals.filter((a) => posted.has(accrualPostings.reverse(a, from(a)).key));
    const at = postingTime(posted);
    if (!at) return;
    await manager.query(
      `UPDATE accruals a SET status = 'reversed', reversed_at = $3, reversed_from = r.from_status
       FROM unnest($1::uuid[], $2::text[]) AS r(id, from_status) WHERE a.id = r.id`,
      [reversed.map((a) => a.id), reversed.map(from), at],
    );
    await this.publish(
      manager,
      reversed.map((a) => royaltyEvents.reversed(a, from(a), at)),
      cause,
    );
  }

  private async recordIneligible(manager: EntityManager, lines: Accrual[]): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `INSERT INTO ineligible_lines (line_id, kind, order_id, product_id, creator_id, currency, amount, quantity, recorded_at)
       SELECT l.*, clock_timestamp()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::int[]) AS l
       ON CONFLICT DO NOTHING`,
      lineColumns(lines),
    );
  }

  private async publish(manager: EntityManager, events: NewEvent[], cause: Causation): Promise<void> {
    const now = new Date();
    await appendToOutbox(
      manager,
      events.map((event) => envelope(event, cause, now)),
    );
  }
}
