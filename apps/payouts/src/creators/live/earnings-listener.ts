import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { backoffDelay, BackoffPolicy } from '@mogul/messaging';
import { Client, Notification } from 'pg';
import { PayoutsConfig } from '../../config';
import { EARNINGS_CHANGED_CHANNEL } from '../../ledger/earnings-changed';
import { EarningsFanOut } from './earnings-fan-out';

/** How the listener waits between attempts to get its connection back. */
const RECONNECT: BackoffPolicy = { initialMs: 250, maxMs: 10_000, jitter: 0.5 };

/** Shows in pg_stat_activity, so that operators (and tests) can tell this connection from the pool's. */
export const EARNINGS_LISTENER_APPLICATION_NAME = 'payouts-earnings-listener';

/**
 * The process's one LISTEN connection on EARNINGS_CHANGED_CHANNEL, outside the pool (a pooled
 * connection would be handed to queries, and LISTEN belongs to the session). It hands each
 * notification to the fan-out. When the connection drops it reconnects with backoff, and then
 * tells the fan-out that every creator may have changed: notifications sent while it was away
 * are lost.
 */
@Injectable()
export class EarningsListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EarningsListener.name);
  private client?: Client;
  private attempts = 0;
  private listenedBefore = false;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly config: PayoutsConfig,
    private readonly fanOut: EarningsFanOut,
  ) {}

  /** Whether the connection is up and listening. */
  get listening(): boolean {
    return this.client !== undefined && this.listenedBefore && this.attempts === 0;
  }

  /** Waits for the first attempt, so that a started service hears changes; a failed one retries in the background. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = undefined;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: EARNINGS_LISTENER_APPLICATION_NAME,
      // A connection that died without a FIN (a node or a NAT gone) is noticed by the kernel, not left listening to nothing.
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', this.onNotification);
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EARNINGS_CHANGED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    if (this.attempts > 0) this.logger.log(`listening for earnings changes again after ${this.attempts} attempt(s)`);
    const missedSome = this.listenedBefore;
    this.attempts = 0;
    this.listenedBefore = true;
    if (missedSome) this.fanOut.changedAll();
  }

  private readonly onNotification = (message: Notification): void => {
    if (message.channel === EARNINGS_CHANGED_CHANNEL && message.payload) this.fanOut.changed(message.payload);
  };

  /** Called once per lost connection, whichever of its events comes first. */
  private lost(client: Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    // 'error' may still come from a dying socket: keep a listener, or it would crash the process.
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.attempts += 1;
    const delay = backoffDelay(this.attempts, RECONNECT);
    this.logger.warn(
      `lost the earnings notification connection (${error instanceof Error ? error.message : 'closed'}); retrying in ${delay} ms`,
    );
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
