import { backoffDelay, BackoffPolicy, pause } from '../backoff';
import { errorFields, MessagingLogger } from '../logger';

const RETRY: BackoffPolicy = { initialMs: 1_000, maxMs: 5_000, jitter: 0.2 };

/** How long a starting service waits for the first try before it goes on without the broker. */
const FIRST_TRY_WAIT_MS = 5_000;

/**
 * Starts what needs the broker (topics, the relay, a consumer) without making the service wait
 * for it: the first try is awaited for a few seconds at most (a broker that answers is there by
 * then); if it has not succeeded, the service starts anyway and the start goes on and is retried
 * in the background until it succeeds or `stop` is called. Requests are answered meanwhile;
 * events wait in the outbox, and consumers catch up once they run.
 */
export class StartWhenBrokerAnswers {
  private readonly abort = new AbortController();
  private retrying?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly start: () => Promise<void>,
    private readonly logger: MessagingLogger,
  ) {}

  async begin(firstTryWaitMs = FIRST_TRY_WAIT_MS): Promise<void> {
    let firstTry!: () => void;
    const tried = new Promise<void>((resolve) => (firstTry = resolve));
    this.retrying = this.run(firstTry);
    await atMost(tried, firstTryWaitMs);
  }

  /**
   * Stops retrying. A start in progress (a consumer joining its group) is given a few seconds to
   * finish, so that what it started can then be stopped; one that waits on a broker that is away
   * is left behind, as the process is ending.
   */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.retrying) await atMost(this.retrying, FIRST_TRY_WAIT_MS);
  }

  private async run(firstTry: () => void): Promise<void> {
    const started = await this.tryStart();
    firstTry();
    if (started) return;
    for (let attempt = 1; !this.abort.signal.aborted; attempt++) {
      await pause(backoffDelay(attempt, RETRY), this.abort.signal);
      if (this.abort.signal.aborted || (await this.tryStart())) return;
    }
  }

  private async tryStart(): Promise<boolean> {
    try {
      await this.start();
      return true;
    } catch (error) {
      this.logger.warn(`${this.what} could not start (is the broker down?); the service runs and retries`, errorFields(error));
      return false;
    }
  }
}

/** Waits for `work`, but no longer than `ms`; leaves no timer behind. */
async function atMost(work: Promise<void>, ms: number): Promise<void> {
  const timeUp = new AbortController();
  await Promise.race([work, pause(ms, timeUp.signal)]);
  timeUp.abort();
}
