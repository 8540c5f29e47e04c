import { PayeeKind } from '@mogul/contracts';
import { PayeeMoves } from '../ledger/payees';
import { Posting } from '../ledger/posting';

/** One creator's (or charity's) payout in one currency, within a run. */
export interface Payout {
  id: string;
  runId: string;
  /** The creator, or the charity when `payee` is `charity`. */
  creatorId: string;
  payee: PayeeKind;
  currency: string;
  amount: number;
}

export interface PayoutRow {
  id: string;
  run_id: string;
  creator_id: string;
  payee: PayeeKind;
  currency: string;
  amount: string;
}

export const payoutFromRow = (row: PayoutRow): Payout => ({
  id: row.id,
  runId: row.run_id,
  creatorId: row.creator_id,
  payee: row.payee,
  currency: row.currency,
  amount: Number(row.amount),
});

const references = (p: Payout) => ({ currency: p.currency, creatorId: p.creatorId, amount: p.amount, payoutId: p.id });

/** A payout's ledger transactions: handed to the provider, then paid or returned; each once per payout. */
export const payoutPostings = {
  hand: (p: Payout): Posting => ({
    key: `payout:${p.id}`,
    kind: 'payout',
    ...references(p),
    legs: PayeeMoves.payOut(p.payee, p.creatorId, p.currency, p.amount),
  }),
  paid: (p: Payout): Posting => ({
    key: `payout-paid:${p.id}`,
    kind: 'payout_paid',
    ...references(p),
    legs: PayeeMoves.settlePaid(p.payee, p.creatorId, p.currency, p.amount),
  }),
  returned: (p: Payout): Posting => ({
    key: `payout-returned:${p.id}`,
    kind: 'payout_returned',
    ...references(p),
    legs: PayeeMoves.settleReturned(p.payee, p.creatorId, p.currency, p.amount),
  }),
};
