import { PayeeKind } from '@mogul/contracts';
import { AccountRef, Accounts, Leg } from './posting';

/**
 * The accounts of whoever money is held for and paid to: a creator, or a charity creators give
 * to. A charity's accounts mirror a creator's (pending → available → paid out) under kinds of
 * their own, held by the charity's id, so a charity is never mistaken for a creator.
 */
export const PayeeAccounts = {
  pending: (payee: PayeeKind, holderId: string, currency: string): AccountRef =>
    payee === 'creator' ? Accounts.pending(holderId, currency) : { kind: 'charity_pending', holderId, currency },
  available: (payee: PayeeKind, holderId: string, currency: string): AccountRef =>
    payee === 'creator' ? Accounts.available(holderId, currency) : { kind: 'charity_available', holderId, currency },
  paidOut: (payee: PayeeKind, holderId: string, currency: string): AccountRef =>
    payee === 'creator' ? Accounts.paidOut(holderId, currency) : { kind: 'charity_paid_out', holderId, currency },
};

type Held = 'pending' | 'available';
const held = (payee: PayeeKind, holderId: string, currency: string, where: Held) =>
  where === 'pending' ? PayeeAccounts.pending(payee, holderId, currency) : PayeeAccounts.available(payee, holderId, currency);

/** Moves for charities, and for payouts to either kind of payee. */
export const PayeeMoves = {
  /** A creator's charity part of an accrual: from their pending to the charity's. */
  donate: (creatorId: string, charityId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.pending(creatorId, currency), amount: -amount },
    { account: PayeeAccounts.pending('charity', charityId, currency), amount },
  ],
  /**
   * A refund gives the charity's part back to the creator, from wherever each holds it now, so
   * that the creator's reversal then takes back the whole share it accrued.
   */
  returnDonation: (donation: { creatorId: string; charityId: string; currency: string; amount: number }, from: Held, to: Held): Leg[] => [
    { account: held('charity', donation.charityId, donation.currency, from), amount: -donation.amount },
    { account: held('creator', donation.creatorId, donation.currency, to), amount: donation.amount },
  ],
  /** Fulfilled and held long enough: the charity's pending becomes available. */
  releaseToCharity: (charityId: string, currency: string, amount: number): Leg[] => [
    { account: PayeeAccounts.pending('charity', charityId, currency), amount: -amount },
    { account: PayeeAccounts.available('charity', charityId, currency), amount },
  ],
  payOut: (payee: PayeeKind, holderId: string, currency: string, amount: number): Leg[] => [
    { account: PayeeAccounts.available(payee, holderId, currency), amount: -amount },
    { account: Accounts.payoutClearing(currency), amount },
  ],
  settlePaid: (payee: PayeeKind, holderId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.payoutClearing(currency), amount: -amount },
    { account: PayeeAccounts.paidOut(payee, holderId, currency), amount },
  ],
  settleReturned: (payee: PayeeKind, holderId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.payoutClearing(currency), amount: -amount },
    { account: PayeeAccounts.available(payee, holderId, currency), amount },
  ],
};
