/**
 * What became of a run handed to `TransactionQueue.submit`: `handled` (committed, maybe with other
 * partitions' runs), `failed` (tried on its own and rolled back) or `untried` (a single event, or
 * its shared transaction failed: nothing of it was applied, and it should be tried on its own).
 */
export type SubmitOutcome = 'handled' | 'failed' | 'untried';

interface Submission<T> {
  run: T[];
  settle: (outcome: SubmitOutcome) => void;
}

/**
 * A consumer's transactions, one at a time, with the runs that partitions hand in while one is in
 * flight combined into the next (group commit). Under load a fetch brings a run for each of its
 * partitions at once, and they cost one transaction instead of one each; idle, a run goes at once.
 * One at a time also means that two transactions of the same consumer never lock the same rows in
 * different orders. `together` returns false (or throws) when nothing was applied.
 */
export class TransactionQueue<T> {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting: Submission<T>[] = [];

  constructor(private readonly together: (items: T[]) => Promise<boolean>) {}

  /** Runs `work` once every transaction queued before it has ended. */
  exclusive<R>(work: () => Promise<R>): Promise<R> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Hands in one partition's run of events, to go in the next transaction. */
  submit(run: T[]): Promise<SubmitOutcome> {
    return new Promise((settle) => {
      this.waiting.push({ run, settle });
      if (this.waiting.length === 1) void this.exclusive(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0);
    const items = batch.flatMap((submission) => submission.run);
    if (items.length === 1) {
      batch[0].settle('untried');
      return;
    }
    const committed = await this.together(items).catch(() => false);
    for (const { settle } of batch) settle(committed ? 'handled' : batch.length === 1 ? 'failed' : 'untried');
  }
}
