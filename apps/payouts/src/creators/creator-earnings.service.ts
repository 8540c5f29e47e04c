import { Injectable } from '@nestjs/common';
import { CurrencyEarnings, EarningsTotals, EarningsView, Money } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource } from 'typeorm';
import { creatorOf } from './creator-actor';
import { dayOf, monthRange, monthOf } from './months';

interface TotalsRow {
  currency: string;
  accrued: string;
  reversed: string;
  paid_out: string;
  month_accrued: string;
  month_reversed: string;
  month_paid_out: string;
}

function totals(currency: string, accrued: string, reversed: string, paidOut: string): EarningsTotals {
  const money = (amount: number): Money => ({ amount, currency });
  return {
    accrued: money(Number(accrued)),
    reversed: money(Number(reversed)),
    earned: money(Number(accrued) - Number(reversed)),
    paidOut: money(Number(paidOut)),
  };
}

/**
 * Everything the earnings view reads, in one statement and so from one snapshot: read as four
 * statements on four connections, a ledger transaction committing in between could show its
 * balances with the totals from before it. Sums are text, as PostgreSQL's numerics arrive.
 */
const EARNINGS = `
  SELECT
    (SELECT COALESCE(json_agg(b), '[]') FROM (
       SELECT currency, kind, balance::text AS balance FROM ledger_accounts
       WHERE holder_id = $1 AND kind IN ('creator_pending', 'creator_available', 'creator_paid_out')) b) AS balances,
    (SELECT COALESCE(json_agg(t), '[]') FROM (
       SELECT currency, sum(accrued)::text AS accrued, sum(reversed)::text AS reversed, sum(paid_out)::text AS paid_out,
              COALESCE(sum(accrued) FILTER (WHERE day >= $2), 0)::text AS month_accrued,
              COALESCE(sum(reversed) FILTER (WHERE day >= $2), 0)::text AS month_reversed,
              COALESCE(sum(paid_out) FILTER (WHERE day >= $2), 0)::text AS month_paid_out
       FROM creator_daily_totals WHERE creator_id = $1 GROUP BY currency) t) AS totals,
    (SELECT COALESCE(json_agg(i), '[]') FROM (
       SELECT currency, count(*)::int AS lines, sum(amount)::text AS amount
       FROM ineligible_lines WHERE creator_id = $1 GROUP BY currency) i) AS ineligible,
    (SELECT COALESCE(json_agg(g), '[]') FROM (
       SELECT currency, sum(donated - reversed)::text AS lifetime,
              COALESCE(sum(donated - reversed) FILTER (WHERE day >= $2), 0)::text AS month
       FROM giving_daily_totals WHERE creator_id = $1 GROUP BY currency) g) AS given`;

interface EarningsRow {
  balances: { currency: string; kind: string; balance: string }[];
  totals: TotalsRow[];
  ineligible: { currency: string; lines: number; amount: string }[];
  given: { currency: string; lifetime: string; month: string }[];
}

/**
 * A creator's earnings per currency: balances from the ledger's accounts, lifetime and month
 * totals from the daily totals posted with every transaction, ineligible lines as recorded, and
 * what the creator gave to charity from the giving totals, all as of one moment.
 * Each is a handful of rows however long the creator's history is.
 */
@Injectable()
export class CreatorEarningsService {
  constructor(private readonly dataSource: DataSource) {}

  earnings(actor: Actor, now: Date = new Date()): Promise<EarningsView> {
    return this.earningsOf(creatorOf(actor), now);
  }

  /** For a creator already established as the caller (the live stream reads it again on every change). */
  async earningsOf(creatorId: string, now: Date = new Date()): Promise<EarningsView> {
    const monthStart = dayOf(monthRange(monthOf(now)).start);
    const [row] = (await this.dataSource.query(EARNINGS, [creatorId, monthStart])) as EarningsRow[];
    const { balances, totals: totalRows, ineligible: ineligibleRows, given: givenRows } = row;
    const currencies = [...new Set([...balances, ...totalRows, ...ineligibleRows, ...givenRows].map((r) => r.currency))].sort();
    return {
      creatorId,
      currencies: currencies.map((currency): CurrencyEarnings => {
        const balance = (kind: string): Money => ({
          amount: Number(balances.find((b) => b.currency === currency && b.kind === kind)?.balance ?? 0),
          currency,
        });
        const t = totalRows.find((r) => r.currency === currency);
        const ineligible = ineligibleRows.find((r) => r.currency === currency);
        const given = givenRows.find((r) => r.currency === currency);
        return {
          currency,
          pending: balance('creator_pending'),
          available: balance('creator_available'),
          paidOut: balance('creator_paid_out'),
          lifetime: totals(currency, t?.accrued ?? '0', t?.reversed ?? '0', t?.paid_out ?? '0'),
          thisMonth: totals(currency, t?.month_accrued ?? '0', t?.month_reversed ?? '0', t?.month_paid_out ?? '0'),
          ineligible: { lines: ineligible?.lines ?? 0, amount: { amount: Number(ineligible?.amount ?? 0), currency } },
          donated: {
            lifetime: { amount: Number(given?.lifetime ?? 0), currency },
            thisMonth: { amount: Number(given?.month ?? 0), currency },
          },
        };
      }),
    };
  }
}
