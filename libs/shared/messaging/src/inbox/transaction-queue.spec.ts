import { TransactionQueue } from './transaction-queue';

/** A `together` that records each call's items and ends when the test says so. */
function recordingTogether() {
  const calls: string[][] = [];
  const pending: ((committed: boolean) => void)[] = [];
  const together = (items: string[]) =>
    new Promise<boolean>((resolve) => {
      calls.push(items);
      pending.push(resolve);
    });
  const settleNext = (committed: boolean) => {
    const settle = pending.shift();
    if (!settle) throw new Error('no transaction in flight');
    settle(committed);
  };
  return { calls, together, settleNext };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TransactionQueue', () => {
  it('puts the runs handed in while a transaction is in flight into the next one, in the order they came', async () => {
    const { calls, together, settleNext } = recordingTogether();
    const queue = new TransactionQueue(together);
    const first = queue.submit(['a1', 'a2']);
    await tick();
    const second = queue.submit(['b1']);
    const third = queue.submit(['c1', 'c2']);
    await tick();
    expect(calls).toEqual([['a1', 'a2']]);

    settleNext(true);
    await expect(first).resolves.toBe('handled');
    await tick();
    expect(calls).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1', 'c2'],
    ]);
    settleNext(true);
    await expect(Promise.all([second, third])).resolves.toEqual(['handled', 'handled']);
  });

  it('says a shared transaction that failed left every run untried, and a run that failed alone failed', async () => {
    const { together, settleNext } = recordingTogether();
    const queue = new TransactionQueue(together);
    const blocker = queue.submit(['x1', 'x2']);
    await tick();
    const shared = [queue.submit(['a1']), queue.submit(['b1', 'b2'])];
    settleNext(false);
    await expect(blocker).resolves.toBe('failed');
    await tick();
    settleNext(false);
    await expect(Promise.all(shared)).resolves.toEqual(['untried', 'untried']);
  });

  it('leaves a single event to be handled on its own, without a shared transaction', async () => {
    const { calls, together } = recordingTogether();
    const queue = new TransactionQueue(together);
    await expect(queue.submit(['only'])).resolves.toBe('untried');
    expect(calls).toEqual([]);
  });

  it('treats a throwing transaction as one that applied nothing', async () => {
    const queue = new TransactionQueue<string>(() => Promise.reject(new Error('connection lost')));
    await expect(queue.submit(['a1', 'a2'])).resolves.toBe('failed');
    await expect(queue.submit(['b1', 'b2'])).resolves.toBe('failed');
  });

  it('runs exclusive work only after the transactions queued before it, and one at a time', async () => {
    const { together, settleNext } = recordingTogether();
    const queue = new TransactionQueue(together);
    const order: string[] = [];
    void queue.submit(['a1', 'a2']).then(() => order.push('shared'));
    const alone = queue.exclusive(async () => {
      order.push('alone started');
      return 7;
    });
    await tick();
    expect(order).toEqual([]);
    settleNext(true);
    await expect(alone).resolves.toBe(7);
    expect(order).toEqual(['shared', 'alone started']);
  });
});
