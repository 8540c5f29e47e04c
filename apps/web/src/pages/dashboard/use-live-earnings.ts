import type { CurrencyEarnings, EarningsView } from '@mogul/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { formatMoney } from '../../money';
import { LiveStatus, watchEarnings } from './live-earnings';

/** Something that changed in the earnings, said for people; `id` tells two equal sentences apart. */
export interface EarningsNews {
  id: number;
  text: string;
}

export interface LiveEarnings {
  earnings?: EarningsView;
  error?: Error;
  status: LiveStatus;
  news?: EarningsNews;
  /** Grows whenever the earnings change (a royalty, a release, a refund, a payout): views of the ledger read again. */
  revision: number;
}

/** While the stream is down, the earnings are read this often instead. */
const POLL_MS = 20_000;

/**
 * The caller's earnings, read once and then kept current by the live stream (or, while it is
 * down, by reading them now and then), with what changed said in words.
 */
export function useLiveEarnings(): LiveEarnings {
  const [earnings, setEarnings] = useState<EarningsView>();
  const [error, setError] = useState<Error>();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [news, setNews] = useState<EarningsNews>();
  const [revision, setRevision] = useState(0);
  const latest = useRef<EarningsView | undefined>(undefined);
  const streaming = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    let said = 0;
    const accept = (next: EarningsView) => {
      const previous = latest.current;
      latest.current = next;
      setEarnings(next);
      setError(undefined);
      if (!previous || JSON.stringify(previous) === JSON.stringify(next)) return;
      setRevision((r) => r + 1);
      const text = describeChanges(previous, next);
      if (text) setNews({ id: ++said, text });
    };
    const read = () =>
      api.get<EarningsView>('/creators/me/earnings', { signal: abort.signal }).then(
        // The stream may have answered first, with newer figures.
        (view) => !abort.signal.aborted && !(streaming.current && latest.current) && accept(view),
        (failure: Error) => !abort.signal.aborted && !latest.current && setError(failure),
      );
    void read();
    const stop = watchEarnings({
      onEarnings: accept,
      onStatus: (next) => {
        streaming.current = next === 'connected';
        setStatus(next);
      },
    });
    const poll = setInterval(() => !streaming.current && void read(), POLL_MS);
    return () => {
      abort.abort();
      stop();
      clearInterval(poll);
    };
  }, []);

  return { earnings, error, status, news, revision };
}

/** `+A$2.50 from a new order`, and the like for refunds and payouts; undefined when nothing of note changed. */
export function describeChanges(previous: EarningsView, next: EarningsView): string | undefined {
  const before = new Map(previous.currencies.map((c) => [c.currency, c]));
  const sentences: string[] = [];
  for (const now of next.currencies) {
    const then = before.get(now.currency);
    const change = (pick: (c: CurrencyEarnings) => number) => pick(now) - (then ? pick(then) : 0);
    const money = (amount: number) => formatMoney({ amount, currency: now.currency });
    const accrued = change((c) => c.lifetime.accrued.amount);
    const reversed = change((c) => c.lifetime.reversed.amount);
    const paidOut = change((c) => c.paidOut.amount);
    if (accrued > 0) sentences.push(`+${money(accrued)} from a new order`);
    if (reversed > 0) sentences.push(`−${money(reversed)} taken back by a refund`);
    if (paidOut > 0) sentences.push(`${money(paidOut)} paid out to you`);
  }
  return sentences.length > 0 ? sentences.join('; ') : undefined;
}
