interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupedWriteOptions<T, R> {
  /** Writes one item on its own: its own statement, its own outcome. */
  one: (item: T) => Promise<R>;
  /**
   * Writes several items in one statement, all or nothing, and answers each one's outcome in
   * their order. When it throws, nothing of it was written, and each item is written with `one`.
   */
  many: (items: T[]) => Promise<R[]>;
  /** At most this many items in one statement. */
  maxGroup: number;
}

/**
 * Group commit for independent writes: a write that arrives while another is in flight waits for
 * it and then goes in one statement with everything else that arrived meanwhile. Under load, N
 * callers cost one round trip, one statement and one commit instead of N each; a write that finds
 * nothing in flight goes at once, alone. A group that fails is written again one item at a time,
 * so each caller gets the outcome of its own write, whatever the others'.
 */
export class GroupedWrites<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private writing = false;

  constructor(private readonly options: GroupedWriteOptions<T, R>) {}

  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.options.maxGroup);
        if (group.length === 1) await this.alone(group[0]);
        else await this.together(group);
      }
    } finally {
      this.writing = false;
    }
  }

  private async alone(waiting: Waiting<T, R>): Promise<void> {
    await this.options.one(waiting.item).then(waiting.resolve, waiting.reject);
  }

  private async together(group: Waiting<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.options.many(group.map((w) => w.item));
    } catch {
      await Promise.all(group.map((w) => this.alone(w)));
      return;
    }
    group.forEach((w, i) => w.resolve(results[i]));
  }
}
