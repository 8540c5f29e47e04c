import { EarningsView } from '@mogul/contracts';

/** Receives a creator's earnings each time they are read again after a change. */
export type EarningsSubscriber = (view: EarningsView) => void;

export interface EarningsFanOutOptions {
  /** Reads a creator's current earnings. */
  read: (creatorId: string) => Promise<EarningsView>;
  /**
   * The least time between two reads for one creator. A burst of changes (a payout run, an order
   * of many lines posted in several transactions) costs one read at once and one after the burst.
   */
  minIntervalMs: number;
  /** A failed read is skipped: the subscribers keep the last view until the next change. */
  onReadError?: (creatorId: string, error: unknown) => void;
}

/** What this process does for one creator with subscribers. */
interface Feed {
  subscribers: Set<EarningsSubscriber>;
  /** A change was announced that no read started since has seen. */
  changed: boolean;
  reading: boolean;
  lastReadAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Fans change notifications out to this process's subscribers by creator id, reading each
 * creator's earnings once for all their subscribers. At most one read per creator runs at a time
 * and reads start at least `minIntervalMs` apart; a change announced during a read or the
 * interval is read once after it, so the last view delivered is never older than the last change.
 * A notification for a creator nobody here subscribes to costs nothing: every payouts process
 * hears every notification.
 */
export class EarningsFanOut {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly options: EarningsFanOutOptions) {}

  /** Delivers the creator's earnings after each change until the returned function is called. */
  subscribe(creatorId: string, subscriber: EarningsSubscriber): () => void {
    let feed = this.feeds.get(creatorId);
    if (!feed) {
      feed = { subscribers: new Set(), changed: false, reading: false, lastReadAt: -Infinity };
      this.feeds.set(creatorId, feed);
    }
    feed.subscribers.add(subscriber);
    const subscribed = feed;
    return () => {
      subscribed.subscribers.delete(subscriber);
      if (subscribed.subscribers.size > 0 || this.feeds.get(creatorId) !== subscribed) return;
      clearTimeout(subscribed.timer);
      this.feeds.delete(creatorId);
    };
  }

  /** The creator's earnings changed (a committed ledger write said so). */
  changed(creatorId: string): void {
    const feed = this.feeds.get(creatorId);
    if (!feed) return;
    feed.changed = true;
    this.schedule(creatorId, feed);
  }

  /** Anything may have changed: after the notification connection was lost, what it missed is unknown. */
  changedAll(): void {
    for (const creatorId of [...this.feeds.keys()]) this.changed(creatorId);
  }

  /** Creators with subscribers in this process. */
  get creatorCount(): number {
    return this.feeds.size;
  }

  /** Forgets every subscriber and pending read. */
  close(): void {
    for (const feed of this.feeds.values()) clearTimeout(feed.timer);
    this.feeds.clear();
  }

  private schedule(creatorId: string, feed: Feed): void {
    if (feed.reading || feed.timer) return;
    const wait = feed.lastReadAt + this.options.minIntervalMs - Date.now();
    if (wait <= 0) {
      void this.read(creatorId, feed);
      return;
    }
    feed.timer = setTimeout(() => {
      feed.timer = undefined;
      void this.read(creatorId, feed);
    }, wait);
  }

  private async read(creatorId: string, feed: Feed): Promise<void> {
    if (!feed.changed || this.feeds.get(creatorId) !== feed) return;
    feed.changed = false;
    feed.reading = true;
    feed.lastReadAt = Date.now();
    try {
      const view = await this.options.read(creatorId);
      for (const subscriber of [...feed.subscribers]) subscriber(view);
    } catch (error) {
      this.options.onReadError?.(creatorId, error);
    } finally {
      feed.reading = false;
    }
    if (feed.changed) this.schedule(creatorId, feed);
  }
}
