import { ApiProperty } from '@nestjs/swagger';
import {
  CurrencyEarnings,
  CurrencyStatement,
  EarningsTotals,
  EarningsView,
  LeaderboardCreator,
  LeaderboardDesign,
  LeaderboardView,
  Money,
  PayeeKind,
  PayoutRunStatus,
  PayoutRunView,
  PayoutStatus,
  PayoutView,
  StatementLine,
  StatementLineKind,
  StatementView,
} from '@mogul/contracts';
import { PrizeStandingResponse, PrizeWinnerResponse } from '../../prizes/dto/prize.response';

const STATEMENT_LINE_KINDS: StatementLineKind[] = [
  'accrual',
  'remix_share',
  'reversal',
  'release',
  'payout',
  'payout_returned',
  'prize',
  'donation',
  'donation_reversal',
];
const PAYOUT_RUN_STATUSES: PayoutRunStatus[] = ['running', 'completed'];
const PAYOUT_STATUSES: PayoutStatus[] = ['pending', 'paid', 'failed'];
const PAYEE_KINDS: PayeeKind[] = ['creator', 'charity'];

/** A balance or a change to one: integer minor units, negative when money was taken back. */
export class SignedMoneyResponse implements Money {
  @ApiProperty({ description: 'Integer minor units; may be negative.', example: -150 })
  amount!: number;

  @ApiProperty({ example: 'AUD' })
  currency!: string;
}

export class EarningsTotalsResponse implements EarningsTotals {
  @ApiProperty({ type: SignedMoneyResponse, description: 'Royalties accrued: own designs and remix shares.' })
  accrued!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Accruals taken back by refunds and cancellations.' })
  reversed!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'accrued − reversed' })
  earned!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse })
  paidOut!: SignedMoneyResponse;
}

export class DonatedResponse {
  @ApiProperty({ type: SignedMoneyResponse, description: 'Given since you started, net of refunds.' })
  lifetime!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Given this calendar month (UTC), net of refunds.' })
  thisMonth!: SignedMoneyResponse;
}

export class IneligibleResponse {
  @ApiProperty({ example: 1 })
  lines!: number;

  @ApiProperty({ type: SignedMoneyResponse })
  amount!: SignedMoneyResponse;
}

export class CurrencyEarningsResponse implements CurrencyEarnings {
  @ApiProperty({ example: 'AUD' })
  currency!: string;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Earned, waiting for fulfilment and the hold period.' })
  pending!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Paid by the next payout run; negative when a refund came after a payout.' })
  available!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Sent to you, net of failed payouts.' })
  paidOut!: SignedMoneyResponse;

  @ApiProperty({ type: EarningsTotalsResponse })
  lifetime!: EarningsTotalsResponse;

  @ApiProperty({ type: EarningsTotalsResponse, description: 'The current calendar month (UTC).' })
  thisMonth!: EarningsTotalsResponse;

  @ApiProperty({ type: IneligibleResponse, description: 'Your own purchases of your own designs: recorded, never paid.' })
  ineligible!: IneligibleResponse;

  @ApiProperty({
    type: DonatedResponse,
    description:
      'What you gave to charity of your royalties (see `PUT /creators/me/giving`); pending, available and paid out are net of it.',
  })
  donated!: DonatedResponse;
}

export class EarningsResponse implements EarningsView {
  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ type: [CurrencyEarningsResponse], description: 'One entry per currency you have earned in.' })
  currencies!: CurrencyEarningsResponse[];
}

export class StatementLineResponse implements StatementLine {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({
    enum: STATEMENT_LINE_KINDS,
    description:
      'accrual and remix_share raise pending; release moves pending to available; reversal takes an accrual back; ' +
      'payout sends available money; payout_returned gives a failed payout back; prize credits a weekly prize you won to available; ' +
      'donation moves the charity’s part of an accrual from your pending to the charity; donation_reversal gives it back on a refund.',
  })
  kind!: StatementLineKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orderId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Spicy Meat Feast' })
  productName!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 2 })
  quantity!: number | null;

  @ApiProperty({ type: SignedMoneyResponse, description: 'The change to your balance (pending + available).' })
  amount!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse })
  pendingChange!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse })
  availableChange!: SignedMoneyResponse;

  @ApiProperty({ type: SignedMoneyResponse, description: 'pending + available after this line.' })
  balance!: SignedMoneyResponse;
}

export class CurrencyStatementResponse implements CurrencyStatement {
  @ApiProperty({ example: 'AUD' })
  currency!: string;

  @ApiProperty({ type: SignedMoneyResponse, description: 'pending + available at the start of the month, or of this page.' })
  openingBalance!: SignedMoneyResponse;

  @ApiProperty({ type: [StatementLineResponse], description: 'Oldest first.' })
  lines!: StatementLineResponse[];

  @ApiProperty({ type: SignedMoneyResponse, description: "opening + the lines' amounts; the month's closing balance on the last page." })
  closingBalance!: SignedMoneyResponse;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the rest of the month; null on the last page.' })
  nextCursor!: string | null;
}

export class StatementResponse implements StatementView {
  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ example: '2026-05' })
  month!: string;

  @ApiProperty({ type: [CurrencyStatementResponse] })
  currencies!: CurrencyStatementResponse[];
}

export class LeaderboardCreatorResponse implements LeaderboardCreator {
  @ApiProperty({ example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Pizza Pam',
    description: 'The creator’s display name; null until payouts has heard of their registration.',
  })
  creatorName!: string | null;

  @ApiProperty({ type: SignedMoneyResponse, description: 'Net royalty earned in the period.' })
  earned!: SignedMoneyResponse;

  @ApiProperty({ example: 42 })
  ordersCount!: number;
}

export class LeaderboardDesignResponse implements LeaderboardDesign {
  @ApiProperty({ example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Spicy Meat Feast' })
  productName!: string | null;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Pizza Pam',
    description: 'The designer’s display name; null until payouts has heard of their registration.',
  })
  creatorName!: string | null;

  @ApiProperty({ description: 'Paid, unrefunded order lines in the period.', example: 42 })
  orders!: number;

  @ApiProperty({ example: 57 })
  units!: number;
}

export class LeaderboardResponse implements LeaderboardView {
  @ApiProperty({ example: '28d' })
  period!: string;

  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: [LeaderboardCreatorResponse] })
  creators!: LeaderboardCreatorResponse[];

  @ApiProperty({ type: [LeaderboardDesignResponse] })
  designs!: LeaderboardDesignResponse[];

  @ApiProperty({
    type: PrizeStandingResponse,
    nullable: true,
    description: 'The weekly prize and who leads for it this week, whatever `period` is; null when no prize is set.',
  })
  weeklyPrize!: PrizeStandingResponse | null;

  @ApiProperty({ type: [PrizeWinnerResponse], description: 'The latest weeks that had a winner, newest first.' })
  pastWinners!: PrizeWinnerResponse[];
}

export class PayoutResponse implements PayoutView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The creator paid, or the charity when `payee` is `charity`.' })
  creatorId!: string;

  @ApiProperty({ enum: PAYEE_KINDS, description: 'Creators are paid their royalties, charities what creators gave them.' })
  payee!: PayeeKind;

  @ApiProperty({ type: SignedMoneyResponse })
  amount!: SignedMoneyResponse;

  @ApiProperty({ enum: PAYOUT_STATUSES })
  status!: PayoutStatus;

  @ApiProperty({ type: String, nullable: true })
  providerReference!: string | null;

  @ApiProperty({ type: String, nullable: true })
  failureReason!: string | null;
}

export class PayoutRunTotalsResponse {
  @ApiProperty({ example: 'AUD' })
  currency!: string;

  @ApiProperty({ type: SignedMoneyResponse })
  paid!: SignedMoneyResponse;

  @ApiProperty({ example: 12 })
  paidCount!: number;

  @ApiProperty({ type: SignedMoneyResponse })
  failed!: SignedMoneyResponse;

  @ApiProperty({ example: 0 })
  failedCount!: number;
}

export class PayoutRunResponse implements PayoutRunView {
  @ApiProperty({ example: '2026-05-weekly' })
  id!: string;

  @ApiProperty({ enum: PAYOUT_RUN_STATUSES })
  status!: PayoutRunStatus;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: [PayoutRunTotalsResponse], description: 'Per currency: how many payouts and how much, paid and failed.' })
  totals!: PayoutRunTotalsResponse[];

  @ApiProperty({ type: [PayoutResponse] })
  payouts!: PayoutResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page of payouts; null on the last.' })
  nextCursor!: string | null;
}
