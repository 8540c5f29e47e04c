import { waitUntil } from '../../lib/stats';

/** Counts arrivals of distinct ids and their latencies, and waits for a number of them. */
export class Arrivals {
  private readonly seen = new Set<string>();
  private latencies: number[] = [];
  lastArrivalAt = 0;

  record(id: string, latencyMs: number): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.latencies.push(latencyMs);
    this.lastArrivalAt = Date.now();
  }

  get count(): number {
    return this.seen.size;
  }

  /** The latencies recorded since the last call. */
  takeLatencies(): number[] {
    const taken = this.latencies;
    this.latencies = [];
    return taken;
  }

  waitFor(count: number, timeoutMs: number, what: string): Promise<void> {
    return waitUntil(
      () => this.count >= count,
      timeoutMs,
      () => `${what}: ${this.count} of ${count} arrived`,
    );
  }
}
