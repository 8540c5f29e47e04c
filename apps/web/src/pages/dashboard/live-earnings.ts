import type { EarningsView } from '@mogul/contracts';
import { API, refreshSession } from '../../api/client';
import { currentSession } from '../../api/session';
import { SseParser } from './sse';

export const EARNINGS_EVENTS_PATH = '/creators/me/earnings/events';

/**
 * connecting: the first attempt; connected: events are arriving; reconnecting: the stream broke and
 * a new attempt waits its turn; unavailable: the server has no stream (404), tried again rarely;
 * stopped: the session ended.
 */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'unavailable' | 'stopped';

export interface LiveEarningsHandlers {
  onEarnings: (view: EarningsView) => void;
  onStatus: (status: LiveStatus) => void;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const UNAVAILABLE_DELAY_MS = 60_000;
/** The server comments every 15 s; this long without a byte means the connection died quietly. */
const SILENCE_MS = 45_000;

/** How one connection ended: after events, without any, with a refreshed token, or with no stream on the server. */
type Outcome = 'delivered' | 'failed' | 'refreshed' | 'unavailable';

/**
 * Follows the caller's live earnings (`GET /creators/me/earnings/events`, server-sent events) with
 * the bearer token, which EventSource cannot send: reads the body with fetch, hands every
 * `earnings` event to `onEarnings`, and reconnects by itself with a growing, jittered delay; a
 * 401 refreshes the session before the next attempt. Returns the function that stops it.
 */
export function watchEarnings(handlers: LiveEarningsHandlers): () => void {
  const stopped = new AbortController();
  let failures = 0;
  let serverDelay: number | undefined;
  const report = (status: LiveStatus) => !stopped.signal.aborted && handlers.onStatus(status);

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  const backoff = () => {
    const base = Math.min(MAX_DELAY_MS, (serverDelay ?? FIRST_DELAY_MS) * 2 ** Math.min(failures, 10));
    return base / 2 + Math.random() * (base / 2);
  };

  /** One connection, from the request until the stream ends, breaks or falls silent. */
  const follow = async (): Promise<Outcome> => {
    const attempt = new AbortController();
    const abortAttempt = () => attempt.abort();
    stopped.signal.addEventListener('abort', abortAttempt, { once: true });
    let silence: ReturnType<typeof setTimeout> | undefined;
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(abortAttempt, SILENCE_MS);
    };
    let delivered = false;
    try {
      const token = currentSession()?.accessToken;
      listen();
      const response = await fetch(`${API}${EARNINGS_EVENTS_PATH}`, {
        headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        cache: 'no-store',
        signal: attempt.signal,
      });
      if (response.status === 401) {
        if (!(await refreshSession())) stopped.abort();
        return 'refreshed';
      }
      if (response.status === 404 || response.status === 405) return 'unavailable';
      if (!response.ok || !response.body) return 'failed';
      const parser = new SseParser((event) => {
        if (event.retry !== undefined) serverDelay = event.retry;
        if (event.event !== 'earnings' || stopped.signal.aborted) return;
        let view: EarningsView;
        try {
          view = JSON.parse(event.data) as EarningsView;
        } catch {
          return;
        }
        if (!delivered) {
          delivered = true;
          report('connected');
        }
        handlers.onEarnings(view);
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        listen();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch {
      // A dropped connection, a silent one, or one we closed: the loop decides what comes next.
    } finally {
      clearTimeout(silence);
      stopped.signal.removeEventListener('abort', abortAttempt);
      attempt.abort();
    }
    return delivered ? 'delivered' : 'failed';
  };

  void (async () => {
    report('connecting');
    // A token refreshed just now gets one immediate retry; a second 401 in a row waits like any failure.
    let refreshedJustNow = false;
    while (!stopped.signal.aborted && currentSession()) {
      const outcome = await follow();
      if (stopped.signal.aborted) break;
      if (outcome === 'refreshed' && !refreshedJustNow) {
        refreshedJustNow = true;
        continue;
      }
      refreshedJustNow = false;
      if (outcome === 'unavailable') {
        report('unavailable');
        await wait(UNAVAILABLE_DELAY_MS);
        continue;
      }
      failures = outcome === 'delivered' ? 0 : failures + 1;
      report('reconnecting');
      await wait(backoff());
    }
    report('stopped');
  })();

  return () => stopped.abort();
}
