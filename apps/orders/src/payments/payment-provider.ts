import { Money } from '@mogul/contracts';

export interface ChargeRequest {
  /** The order id: a provider dedupes charges by it, so a retried charge never takes money twice. */
  reference: string;
  token: string;
  amount: Money;
}

export type ChargeResult = { outcome: 'succeeded'; paymentId: string } | { outcome: 'declined'; reason: string };

export interface RefundRequest {
  paymentId: string;
  /** Unique per refund, so that a retried refund is not paid twice. */
  reference: string;
  amount: Money;
}

/** The provider could not answer now (network, outage); the same request may succeed later. */
export class TransientPaymentError extends Error {
  constructor(message: string) {
    super(message);
  }
}

/**
 * How orders takes and returns money. Implementations throw `TransientPaymentError` for failures
 * worth retrying and answer `declined` for final refusals.
 */
export abstract class PaymentProvider {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  abstract refund(request: RefundRequest): Promise<void>;
}
