import { envelope, EventEnvelope, Money, OrderEvents, OrderLineSnapshotV1, RefundedLineV1 } from '@mogul/contracts';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/**
 * Random order histories for the ledger's property test, and what they should earn, computed
 * independently of the service: every order is a handful of lines of a few creators' designs
 * (some remixes, some bought by their own creator), paid or not, then fulfilled, refunded in
 * part, or cancelled.
 */

export const CREATORS = [0, 1, 2, 3].map((n) => `c0000000-0000-4000-8000-00000000000${n}`);
/** The charities creators give to. */
export const CHARITIES = [0, 1].map((n) => `d0000000-0000-4000-8000-00000000000${n}`);
/** Whom a payout may fail for: a creator, or a charity. */
export const PAYEES = [...CREATORS, ...CHARITIES];
/** Shoppers 0–3 are the creators themselves (a purchase of one's own design), 4–5 are not. */
export const SHOPPERS = [...CREATORS, 'a0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000005'];

export interface LineSpec {
  creator: number;
  parent: number | null;
  bps: number;
  royalty: number;
  quantity: number;
}

export interface OrderSpec {
  shopper: number;
  currency: 'AUD' | 'JPY';
  paid: boolean;
  lines: LineSpec[];
  fate: 'open' | 'fulfil' | 'cancel';
  /** Per line: refunded (before the fulfilment or cancellation when `refundFirst`). */
  refunds: boolean[];
  refundFirst: boolean;
}

/** A creator's giving setting, taking effect half a step before step `at` of the history's clock. */
export interface GivingSpec {
  creator: number;
  at: number;
  charity: number;
  /** 0 turns giving off. */
  percent: number;
}

export interface Operation {
  /** Where in the delivery sequence it runs, in thousandths of its length. */
  at: number;
  kind: 'release' | 'run' | 'run-failing';
  /** The payee (`PAYEES`) whose payouts fail, for `run-failing`. */
  failing: number;
}

export interface History {
  orders: OrderSpec[];
  /** How far each event may be moved from its place: the broker's reordering. */
  jitter: number[];
  /** Events delivered again later: the same envelope, or (not `sameId`) the same payload republished under a new id. */
  duplicates: { index: number; delay: number; sameId: boolean }[];
  operations: Operation[];
  /** Settings from before the first order to the last, some creators changing theirs on the way. */
  giving: GivingSpec[];
}

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  creator: fc.integer({ min: 0, max: 3 }),
  parent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 2 }),
  bps: fc.constantFrom(1, 2000, 3333, 5000, 10_000),
  royalty: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(333)),
  quantity: fc.integer({ min: 1, max: 5 }),
});

const orderArb: fc.Arbitrary<OrderSpec> = fc
  .record({
    shopper: fc.integer({ min: 0, max: 5 }),
    currency: fc.constantFrom('AUD' as const, 'JPY' as const),
    paid: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    fate: fc.constantFrom('open' as const, 'fulfil' as const, 'fulfil' as const, 'cancel' as const),
    refunds: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    refundFirst: fc.boolean(),
  })
  .map((order) => ({ ...order, refunds: order.refunds.slice(0, order.lines.length) }));

export const historyArb: fc.Arbitrary<History> = fc.record({
  orders: fc.array(orderArb, { minLength: 1, maxLength: 8 }),
  jitter: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 64, maxLength: 64 }),
  duplicates: fc.array(fc.record({ index: fc.nat(), delay: fc.nat(8), sameId: fc.boolean() }), { maxLength: 5 }),
  operations: fc.array(
    fc.record({
      at: fc.nat(999),
      kind: fc.constantFrom('release' as const, 'release' as const, 'run' as const, 'run-failing' as const),
      failing: fc.nat(PAYEES.length - 1),
    }),
    { maxLength: 12 },
  ),
  giving: fc.array(
    fc.record({
      creator: fc.nat(3),
      // Often from the start, so that charities' balances grow enough to be paid out.
      at: fc.oneof(fc.constant(0), fc.nat(16)),
      charity: fc.nat(CHARITIES.length - 1),
      percent: fc.constantFrom(0, 1, 25, 33, 50, 100, 100),
    }),
    { maxLength: 8 },
  ),
});

/** When a giving setting takes effect: between two steps, so never at the instant of a payment. */
export const givingTime = (start: number, spec: GivingSpec) => new Date(start + spec.at * STEP_MS - STEP_MS / 2);

/** The settings in the order they are made: by time, a later one of the same time winning. */
export const givingInOrder = (history: History) =>
  history.giving
    .map((spec, index) => ({ spec, index }))
    .sort((a, b) => a.spec.at - b.spec.at || a.index - b.index)
    .map((g) => g.spec);

/** The unit of the history's clock: each event and operation is this much after the one before. */
export const STEP_MS = 3 * 3_600_000;

export type Step = { kind: 'event'; event: EventEnvelope } | { kind: 'operation'; operation: Operation };

interface BuiltLine {
  spec: LineSpec;
  snapshot: OrderLineSnapshotV1;
}

/** The delivery sequence of a history: each order's events in causal order, moved by the jitter, some repeated, with the operations in between. */
export function deliverySequence(history: History, start: number): Step[] {
  const timed: { key: number; event: EventEnvelope }[] = [];
  history.orders.forEach((order, orderIndex) => {
    const orderId = randomUUID();
    const shopperId = SHOPPERS[order.shopper];
    const money = (amount: number): Money => ({ amount, currency: order.currency });
    const lines: BuiltLine[] = order.lines.map((spec) => ({
      spec,
      snapshot: {
        lineId: randomUUID(),
        productId: randomUUID(),
        listingId: randomUUID(),
        quantity: spec.quantity,
        unitPrice: money(spec.royalty + 1000),
        royaltyPerUnit: money(spec.royalty),
        creatorId: CREATORS[spec.creator],
        parentCreatorId: spec.parent === null ? null : CREATORS[spec.parent],
        parentShareBps: spec.parent === null ? null : spec.bps,
      },
    }));
    const refunded = (l: BuiltLine): RefundedLineV1 => ({
      ...l.snapshot,
      refundedAmount: money((l.spec.royalty + 1000) * l.spec.quantity),
    });
    const causal: { type: string; payload: (at: string) => unknown; late?: boolean }[] = [];
    const total = money(0);
    causal.push({
      type: OrderEvents.placed.type,
      payload: (at) => ({ orderId, shopperId, placedAt: at, total, lines: lines.map((l) => l.snapshot) }),
    });
    if (!order.paid) {
      if (order.fate === 'cancel') {
        causal.push({
          type: OrderEvents.cancelled.type,
          payload: (at) => ({ orderId, shopperId, cancelledAt: at, refundedLines: [], refundedAmount: money(0) }),
        });
      }
    } else {
      causal.push({
        type: OrderEvents.paid.type,
        payload: (at) => ({ orderId, shopperId, paidAt: at, total, lines: lines.map((l) => l.snapshot) }),
      });
      const refundedLines = lines.filter((_, i) => order.refunds[i]);
      const refunds = refundedLines.map((line) => ({
        type: OrderEvents.refunded.type,
        payload: (at: string) => ({
          orderId,
          shopperId,
          refundedAt: at,
          lines: [refunded(line)],
          amount: money(0),
          status: 'partially_refunded',
        }),
      }));
      const rest = lines.filter((_, i) => !order.refunds[i]);
      if (order.fate === 'cancel') {
        const cancel = (cancelled: BuiltLine[]) => ({
          type: OrderEvents.cancelled.type,
          payload: (at: string) => ({
            orderId,
            shopperId,
            cancelledAt: at,
            refundedLines: cancelled.map(refunded),
            refundedAmount: money(0),
          }),
        });
        if (order.refundFirst) causal.push(...refunds, cancel(rest));
        else causal.push(cancel(lines));
      } else if (order.fate === 'fulfil') {
        const fulfil = (fulfilled: BuiltLine[]) => ({
          type: OrderEvents.fulfilled.type,
          payload: (at: string) => ({ orderId, shopperId, fulfilledAt: at, lines: fulfilled.map((l) => l.snapshot) }),
        });
        if (order.refundFirst) causal.push(...refunds, fulfil(rest));
        // A refund after the fulfilment comes days later: often after the release, sometimes after a payout.
        else causal.push(fulfil(lines), ...refunds.map((r) => ({ ...r, late: true })));
      } else {
        causal.push(...refunds);
      }
    }
    causal.forEach((c, position) => {
      const place = orderIndex + 2 * position + (c.late ? 8 : 0);
      const at = new Date(start + place * STEP_MS);
      const event = envelope(
        { type: c.type, version: 1, aggregateId: orderId, payload: c.payload(at.toISOString()) },
        { correlationId: randomUUID() },
        at,
      );
      timed.push({ key: place + history.jitter[timed.length % history.jitter.length], event });
    });
  });
  const events = timed.sort((a, b) => a.key - b.key).map((t) => t.event);
  for (const duplicate of history.duplicates) {
    const original = events[duplicate.index % events.length];
    const again = duplicate.sameId ? original : { ...original, id: randomUUID() };
    events.splice(Math.min(events.length, (duplicate.index % events.length) + duplicate.delay + 1), 0, again);
  }
  const steps: Step[] = events.map((event) => ({ kind: 'event', event }));
  for (const operation of [...history.operations].sort((a, b) => b.at - a.at)) {
    steps.splice(Math.floor((operation.at * events.length) / 1000), 0, { kind: 'operation', operation });
  }
  return steps;
}

/** A line's royalty split as the product rules state it: the parent's share rounded down, the rest to the remix's creator. */
function shares(line: LineSpec): { creator: number; amount: number }[] {
  const royalty = line.royalty * line.quantity;
  const parentShare = line.parent === null ? 0 : Math.floor((royalty * line.bps) / 10_000);
  const all = [{ creator: line.creator, amount: royalty - parentShare }];
  if (line.parent !== null) all.push({ creator: line.parent, amount: parentShare });
  return all.filter((s) => s.amount > 0);
}

export interface Expected {
  /** Σ accruals − Σ reversals per `<creator>:<currency>`, zeros left out. */
  net: Map<string, number>;
  /** What each creator gave net of refunds, per `<creator>:<currency>`, zeros left out. */
  donated: Map<string, number>;
  /** What each charity was given net of refunds, per `<charity>:<currency>`, zeros left out. */
  charities: Map<string, number>;
  /** Ineligible lines and amounts per `<creator>:<currency>`. */
  ineligible: Map<string, { lines: number; amount: number }>;
}

/** What the history should leave in the ledger, whatever the order and repetition of its events. */
export function expectedOutcome(history: History, start: number): Expected {
  const net = new Map<string, number>();
  const donated = new Map<string, number>();
  const charities = new Map<string, number>();
  const ineligible = new Map<string, { lines: number; amount: number }>();
  const add = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);
  const settings = givingInOrder(history);
  history.orders.forEach((order, orderIndex) => {
    if (!order.paid) return;
    // The payment is the order's second event (see deliverySequence).
    const paidAt = start + (orderIndex + 2) * STEP_MS;
    order.lines.forEach((line, i) => {
      const refunded = order.fate === 'cancel' || order.refunds[i];
      for (const share of shares(line)) {
        const key = `${CREATORS[share.creator]}:${order.currency}`;
        if (SHOPPERS[order.shopper] === CREATORS[share.creator]) {
          const seen = ineligible.get(key) ?? { lines: 0, amount: 0 };
          ineligible.set(key, { lines: seen.lines + 1, amount: seen.amount + share.amount });
        } else if (!refunded) {
          add(net, key, share.amount);
          const setting = settings.filter((g) => g.creator === share.creator && givingTime(start, g).getTime() <= paidAt).pop();
          const part = setting && setting.percent > 0 ? Math.floor((share.amount * setting.percent) / 100) : 0;
          if (setting && part > 0) {
            add(donated, key, part);
            add(charities, `${CHARITIES[setting.charity]}:${order.currency}`, part);
          }
        }
      }
    });
  });
  for (const map of [net, donated, charities]) for (const [key, amount] of map) if (amount === 0) map.delete(key);
  return { net, donated, charities, ineligible };
}
