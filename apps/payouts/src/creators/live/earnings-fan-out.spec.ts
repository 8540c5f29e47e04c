import { EarningsView } from '@mogul/contracts';
import { EarningsFanOut } from './earnings-fan-out';

const ALICE = '0b6f1f7e-4a53-4d6c-9d1e-000000000001';
const BOB = '0b6f1f7e-4a53-4d6c-9d1e-000000000002';
const INTERVAL_MS = 100;

/** A read whose answers the test releases one at a time, so it can see what happens while one runs. */
class ControlledReads {
  readonly started: string[] = [];
  private readonly waiting: { creatorId: string; resolve: (view: EarningsView) => void; reject: (error: Error) => void }[] = [];
  private version = 0;

  readonly read = (creatorId: string): Promise<EarningsView> => {
    this.started.push(creatorId);
    return new Promise((resolve, reject) => this.waiting.push({ creatorId, resolve, reject }));
  };

  /** Returns the oldest read with a view whose pending amount counts the answers so far. */
  async answer(): Promise<void> {
    const next = this.waiting.shift();
    if (!next) throw new Error('no read is waiting');
    this.version += 1;
    next.resolve(viewOf(next.creatorId, this.version));
    await flush();
  }

  async fail(): Promise<void> {
    this.waiting.shift()?.reject(new Error('the database went away'));
    await flush();
  }
}

function viewOf(creatorId: string, pending: number): EarningsView {
  const money = (amount: number) => ({ amount, currency: 'AUD' });
  const totals = { accrued: money(pending), reversed: money(0), earned: money(pending), paidOut: money(0) };
  return {
    creatorId,
    currencies: [
      {
        currency: 'AUD',
        pending: money(pending),
        available: money(0),
        paidOut: money(0),
        lifetime: totals,
        thisMonth: totals,
        ineligible: { lines: 0, amount: money(0) },
        donated: { lifetime: money(0), thisMonth: money(0) },
      },
    ],
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('EarningsFanOut', () => {
  let reads: ControlledReads;
  let fanOut: EarningsFanOut;
  let errors: string[];

  beforeEach(() => {
    jest.useFakeTimers();
    reads = new ControlledReads();
    errors = [];
    fanOut = new EarningsFanOut({
      read: reads.read,
      minIntervalMs: INTERVAL_MS,
      onReadError: (creatorId, error) => errors.push(`${creatorId}: ${(error as Error).message}`),
    });
  });

  afterEach(() => {
    fanOut.close();
    jest.useRealTimers();
  });

  it('reads once per change and hands the view to every subscriber of that creator only', async () => {
    const aliceTabs: EarningsView[][] = [[], []];
    const bobs: EarningsView[] = [];
    fanOut.subscribe(ALICE, (view) => aliceTabs[0].push(view));
    fanOut.subscribe(ALICE, (view) => aliceTabs[1].push(view));
    fanOut.subscribe(BOB, (view) => bobs.push(view));

    fanOut.changed(ALICE);
    expect(reads.started).toEqual([ALICE]);
    await reads.answer();

    expect(aliceTabs[0]).toEqual([viewOf(ALICE, 1)]);
    expect(aliceTabs[1]).toEqual([viewOf(ALICE, 1)]);
    expect(bobs).toEqual([]);
  });

  it('ignores changes to creators nobody here subscribes to', () => {
    fanOut.subscribe(ALICE, () => undefined);
    fanOut.changed(BOB);
    expect(reads.started).toEqual([]);
    expect(fanOut.creatorCount).toBe(1);
  });

  it('coalesces a burst into one read at once and one after the interval, which sees the last change', async () => {
    const seen: EarningsView[] = [];
    fanOut.subscribe(ALICE, (view) => seen.push(view));

    for (let i = 0; i < 20; i++) fanOut.changed(ALICE);
    expect(reads.started).toHaveLength(1);
    await reads.answer();
    // More changes during the interval: still no second read until it has passed.
    for (let i = 0; i < 20; i++) fanOut.changed(ALICE);
    jest.advanceTimersByTime(INTERVAL_MS - 1);
    expect(reads.started).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(reads.started).toHaveLength(2);
    await reads.answer();

    expect(seen).toEqual([viewOf(ALICE, 1), viewOf(ALICE, 2)]);
    jest.advanceTimersByTime(10 * INTERVAL_MS);
    expect(reads.started).toHaveLength(2);
  });

  it('never overlaps reads of one creator: a change during a read is read after it', async () => {
    fanOut.subscribe(ALICE, () => undefined);
    fanOut.changed(ALICE);
    jest.advanceTimersByTime(5 * INTERVAL_MS);
    fanOut.changed(ALICE);
    // The first read is still running (slow database): the change waits for it.
    expect(reads.started).toHaveLength(1);
    await reads.answer();
    // The interval since the first read started has passed: the second read starts at once.
    expect(reads.started).toHaveLength(2);
  });

  it('reads each creator on its own schedule', async () => {
    fanOut.subscribe(ALICE, () => undefined);
    fanOut.subscribe(BOB, () => undefined);
    fanOut.changed(ALICE);
    fanOut.changed(BOB);
    expect(reads.started).toEqual([ALICE, BOB]);
  });

  it('rereads every subscribed creator when told that anything may have changed', () => {
    fanOut.subscribe(ALICE, () => undefined);
    fanOut.subscribe(BOB, () => undefined);
    fanOut.changedAll();
    expect([...reads.started].sort()).toEqual([ALICE, BOB]);
  });

  it('stops reading for a creator once their last subscriber left, pending reads included', async () => {
    const first = fanOut.subscribe(ALICE, () => undefined);
    const second = fanOut.subscribe(ALICE, () => undefined);
    fanOut.changed(ALICE);
    await reads.answer();
    fanOut.changed(ALICE);
    first();
    expect(fanOut.creatorCount).toBe(1);
    second();
    expect(fanOut.creatorCount).toBe(0);
    jest.advanceTimersByTime(10 * INTERVAL_MS);
    expect(reads.started).toHaveLength(1);
  });

  it('survives a failed read: it is reported, and the next change is read', async () => {
    const seen: EarningsView[] = [];
    fanOut.subscribe(ALICE, (view) => seen.push(view));
    fanOut.changed(ALICE);
    await reads.fail();
    expect(errors).toEqual([`${ALICE}: the database went away`]);

    jest.advanceTimersByTime(INTERVAL_MS);
    fanOut.changed(ALICE);
    await reads.answer();
    expect(seen).toEqual([viewOf(ALICE, 1)]);
  });
});
