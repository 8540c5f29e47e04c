import type { StatementLine, StatementView } from '@mogul/contracts';
import { api } from '../../api/client';
import { dayOf, lastDays, lastMonths, monthOf } from './months';

/** What the earnings chart and the payouts list need from a currency's statements. */
export interface CurrencyHistory {
  currency: string;
  /** Net royalty earned per day (`yyyy-mm-dd`) and per month (`yyyy-mm`), in minor units. */
  perDay: Map<string, number>;
  perMonth: Map<string, number>;
  /** Payouts and returned payouts, newest first. */
  payouts: StatementLine[];
}

export const CHART_DAYS = 28;
export const CHART_MONTHS = 12;

const PAGE = 1000;

/** Lines that change what the creator earned: accruals, remix shares, and their reversals. */
const EARNING_KINDS = new Set(['accrual', 'remix_share', 'reversal']);
const PAYOUT_KINDS = new Set(['payout', 'payout_returned']);

/**
 * Reads every page of one month's statement, handing each page's lines per currency to `take`
 * without keeping them: a busy creator's month can hold many thousands of lines.
 */
export async function readMonth(
  month: string,
  take: (currency: string, lines: StatementLine[]) => void,
  signal: AbortSignal,
): Promise<void> {
  const first = await api.get<StatementView>(`/creators/me/statements/${month}`, { query: { limit: PAGE }, signal });
  await Promise.all(
    first.currencies.map(async (statement) => {
      take(statement.currency, statement.lines);
      let cursor = statement.nextCursor;
      while (cursor) {
        const page = await api.get<StatementView>(`/creators/me/statements/${month}`, {
          query: { currency: statement.currency, cursor, limit: PAGE },
          signal,
        });
        const next = page.currencies.find((c) => c.currency === statement.currency);
        take(statement.currency, next?.lines ?? []);
        cursor = next?.nextCursor ?? null;
      }
    }),
  );
}

/**
 * Earnings per day for the last 28 days and per month for the last 12, and the payouts among them,
 * per currency, from the creator's monthly statements. Months before the current one do not change
 * and are kept in `settled` between calls.
 */
export async function loadHistory(
  signal: AbortSignal,
  settled: Map<string, Map<string, CurrencyHistory>>,
  now = new Date(),
): Promise<CurrencyHistory[]> {
  const current = monthOf(now);
  const months = lastMonths(CHART_MONTHS, now);
  const perMonth = await Promise.all(
    months.map(async (month) => {
      const kept = settled.get(month);
      if (kept) return kept;
      const histories = new Map<string, CurrencyHistory>();
      await readMonth(
        month,
        (currency, lines) => {
          let history = histories.get(currency);
          if (!history) histories.set(currency, (history = emptyHistory(currency)));
          addLines(history, month, lines);
        },
        signal,
      );
      if (month !== current) settled.set(month, histories);
      return histories;
    }),
  );
  const days = new Set(lastDays(CHART_DAYS, now));
  const merged = new Map<string, CurrencyHistory>();
  for (const histories of perMonth) {
    for (const history of histories.values()) {
      let into = merged.get(history.currency);
      if (!into) merged.set(history.currency, (into = emptyHistory(history.currency)));
      for (const [day, amount] of history.perDay) if (days.has(day)) into.perDay.set(day, amount);
      for (const [month, amount] of history.perMonth) into.perMonth.set(month, amount);
      into.payouts.push(...history.payouts);
    }
  }
  for (const history of merged.values()) history.payouts.sort((a, b) => b.at.localeCompare(a.at));
  return [...merged.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

function emptyHistory(currency: string): CurrencyHistory {
  return { currency, perDay: new Map(), perMonth: new Map(), payouts: [] };
}

function addLines(history: CurrencyHistory, month: string, lines: StatementLine[]): void {
  if (!history.perMonth.has(month)) history.perMonth.set(month, 0);
  for (const line of lines) {
    if (PAYOUT_KINDS.has(line.kind)) history.payouts.push(line);
    if (!EARNING_KINDS.has(line.kind)) continue;
    const day = dayOf(new Date(line.at));
    history.perDay.set(day, (history.perDay.get(day) ?? 0) + line.amount.amount);
    history.perMonth.set(month, (history.perMonth.get(month) ?? 0) + line.amount.amount);
  }
}
