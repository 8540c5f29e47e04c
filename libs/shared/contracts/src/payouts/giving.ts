import { Money } from '../money';
import { CurrencyStatement } from './messages';

/** Limits the gateway and payouts both enforce on charities and creators' giving. */
export const GivingLimits = {
  charityNameMaxLength: 120,
  percentMax: 100,
} as const;

/** A charity creators may give part of their royalties to; operators keep the list. */
export interface CharityView {
  id: string;
  name: string;
  /** Only an active charity can be chosen; deactivating one turns off the giving that named it. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CharityListView {
  charities: CharityView[];
}

export interface CreateCharityRequest {
  name: string;
}

/** Rename, activate or deactivate: whichever fields are present. */
export interface UpdateCharityRequest {
  name?: string;
  active?: boolean;
}

/** What a creator gives: a whole percent (0–100) of each royalty accrued from now on, to one active charity. */
export interface GivingSettingRequest {
  /** null (or a percent of 0) turns giving off. */
  charityId: string | null;
  percent: number;
}

export interface GivingView {
  /** The charity the creator gives to; null when giving is off. */
  charity: { id: string; name: string; active: boolean } | null;
  percent: number;
  /** Since when this setting applies (to royalties of orders paid from then on); null when never set. */
  effectiveFrom: string | null;
}

/** What a creator gave: the charities' parts of their royalties, net of refunds, by posting time. */
export interface DonatedTotals {
  lifetime: Money;
  /** The current calendar month (UTC). */
  thisMonth: Money;
}

/**
 * A charity's statement of a month: its pending and available accounts, the same shape as a
 * creator's (`donation` raises pending, `release` moves it to available, `donation_reversal` takes
 * it back, `payout` sends it, `payout_returned` gives a failed payout back).
 */
export interface CharityStatementView {
  charityId: string;
  charityName: string;
  month: string;
  currencies: CurrencyStatement[];
}

export interface CharityStatementRequest {
  charityId: string;
  month: string;
  currency?: string;
  limit?: number;
  cursor?: string;
}
