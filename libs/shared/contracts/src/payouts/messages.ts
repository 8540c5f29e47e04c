import { Money } from '../money';
import { DonatedTotals } from './giving';
import { LeaderboardPrize } from './prizes';

/** Limits the gateway and payouts both enforce. */
export const PayoutLimits = {
  runIdMaxLength: 100,
  statementPageDefault: 500,
  // A page of 1,000 lines is about 330 kB on the wire: one answer stays small enough to build, send and parse at once.
  statementPageMax: 1000,
  leaderboardSizeDefault: 10,
  leaderboardSizeMax: 100,
  cursorMaxLength: 512,
  runPageDefault: 100,
  runPageMax: 1000,
} as const;

/**
 * What a payout run id may hold: it is the operator's own name for the run, reused to ask for it
 * again, and a segment of the run's path, so it starts with a letter or digit (never `.` or `..`).
 */
export const PAYOUT_RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A calendar month `yyyy-mm` from 2000-01 to 2999-12: every month the platform can have a ledger
 * for, and none whose dates a database or a `Date` would misread (years before 100, after 9999).
 */
export const STATEMENT_MONTH_PATTERN = /^2\d{3}-(0[1-9]|1[0-2])$/;
/** How a month is described to a caller whose month does not match `STATEMENT_MONTH_PATTERN`. */
export const MONTH_RULE = 'a month yyyy-mm from 2000-01 to 2999-12';
/** `28d` (rolling, the default), `7d`, `all`, or a calendar month (`STATEMENT_MONTH_PATTERN`). */
export const LEADERBOARD_PERIOD_PATTERN = new RegExp(`^(7d|28d|all|${STATEMENT_MONTH_PATTERN.source.slice(1, -1)})$`);

export interface EarningsTotals {
  /** Royalties accrued (own designs and remix shares). */
  accrued: Money;
  /** Accruals taken back by refunds and cancellations. */
  reversed: Money;
  /** accrued − reversed */
  earned: Money;
  paidOut: Money;
}

export interface CurrencyEarnings {
  currency: string;
  /** Earned, waiting for fulfilment and the hold period. */
  pending: Money;
  /** Ready for the next payout run; negative when a refund came after a payout. */
  available: Money;
  /** Sent to the creator, net of failed payouts. */
  paidOut: Money;
  lifetime: EarningsTotals;
  /** The current calendar month (UTC). */
  thisMonth: EarningsTotals;
  /** The creator's own purchases of their own designs: recorded, never paid. */
  ineligible: { lines: number; amount: Money };
  /** What the creator gave to charity of their royalties (pending, available and paid out are net of it). */
  donated: DonatedTotals;
}

export interface EarningsView {
  creatorId: string;
  currencies: CurrencyEarnings[];
}

/**
 * The live earnings stream (`text/event-stream`): on opening and after every change to the
 * creator's ledger, an event of this name whose `data` is the `EarningsView` as one line of JSON;
 * between them, comment lines (`: keep-alive`) so that idle connections stay open.
 */
export const EARNINGS_STREAM_EVENT = 'earnings';

/** The media type of the live earnings stream. */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

/** A page of the caller's statement: the creator is always whoever the access token names. */
export interface StatementRequest {
  /** `yyyy-mm`, UTC. */
  month: string;
  /** One currency; every currency the creator has when absent. */
  currency?: string;
  limit?: number;
  cursor?: string;
}

/**
 * accrual and remix_share raise pending; release moves pending to available (amount 0);
 * reversal lowers pending or available; payout lowers available; payout_returned gives a failed
 * payout back to available; prize credits the weekly prize to available.
 */
export type StatementLineKind =
  | 'accrual'
  | 'remix_share'
  | 'reversal'
  | 'release'
  | 'payout'
  | 'payout_returned'
  | 'prize'
  // A creator's charity part of an accrual leaves their pending for the charity's; a refund gives it back.
  | 'donation'
  | 'donation_reversal';

export interface StatementLine {
  at: string;
  kind: StatementLineKind;
  orderId: string | null;
  productId: string | null;
  productName: string | null;
  quantity: number | null;
  /** The change to the balance (pending + available). */
  amount: Money;
  pendingChange: Money;
  availableChange: Money;
  /** pending + available after this line. */
  balance: Money;
}

export interface CurrencyStatement {
  currency: string;
  /** pending + available at the start of the month (or of this page's first line). */
  openingBalance: Money;
  lines: StatementLine[];
  /** opening + Σ lines' amounts: the month's closing balance on the last page. */
  closingBalance: Money;
  /** Pass as `cursor` for the rest of the month; null on the last page. */
  nextCursor: string | null;
}

export interface StatementView {
  creatorId: string;
  month: string;
  currencies: CurrencyStatement[];
}

export interface LeaderboardRequest {
  /** Default `28d`. */
  period?: string;
  limit?: number;
}

export interface LeaderboardCreator {
  rank: number;
  creatorId: string;
  /** The creator's display name; null until payouts has heard of their registration. */
  creatorName: string | null;
  /** Net royalty earned in the period, in the platform's currencies, largest first. */
  earned: Money;
  ordersCount: number;
}

export interface LeaderboardDesign {
  rank: number;
  productId: string;
  productName: string | null;
  creatorId: string;
  /** The designer's display name; null until payouts has heard of their registration. */
  creatorName: string | null;
  /** Paid, unrefunded order lines in the period. */
  orders: number;
  units: number;
}

/** The period's tables, and the weekly prize (`LeaderboardPrize`), which ignores `period`. */
export interface LeaderboardView extends LeaderboardPrize {
  period: string;
  from: string;
  to: string;
  creators: LeaderboardCreator[];
  designs: LeaderboardDesign[];
}

export interface StartPayoutRunRequest {
  /** The caller's id for the run: the same id again answers the same run without paying twice. */
  runId: string;
}

export interface GetPayoutRunRequest {
  runId: string;
  /** The `nextCursor` of the previous page of payouts. */
  cursor?: string;
  /** Payouts per page; `runPageDefault` when absent. */
  limit?: number;
}

export type PayoutRunStatus = 'running' | 'completed';
export type PayoutStatus = 'pending' | 'paid' | 'failed';

/** Who a payout pays: a creator, or a charity (then `creatorId` holds the charity's id). */
export type PayeeKind = 'creator' | 'charity';

export interface PayoutView {
  id: string;
  creatorId: string;
  payee: PayeeKind;
  amount: Money;
  status: PayoutStatus;
  providerReference: string | null;
  failureReason: string | null;
}

export interface PayoutRunView {
  id: string;
  status: PayoutRunStatus;
  startedAt: string;
  completedAt: string | null;
  /** Per currency: how many payouts and how much, paid and failed. */
  totals: { currency: string; paid: Money; paidCount: number; failed: Money; failedCount: number }[];
  payouts: PayoutView[];
  /** Payouts beyond the first page are listed with `cursor`. */
  nextCursor: string | null;
}
