import { ChargeRequest, ChargeResult, PaymentProvider, TransientPaymentError } from './payment-provider';

export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Charges with retries: transient failures are retried with doubling delays; when they outlast
 * the attempts the charge counts as failed (`unavailable`), so the order never waits on a
 * provider that is down. Declines are final at once.
 */
export async function chargeWithRetries(provider: PaymentProvider, request: ChargeRequest, policy: RetryPolicy): Promise<ChargeResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await provider.charge(request);
    } catch (error) {
      if (!(error instanceof TransientPaymentError)) throw error;
      if (attempt >= policy.attempts) return { outcome: 'declined', reason: 'unavailable' };
      await sleep(policy.firstDelayMs * 2 ** (attempt - 1));
    }
  }
}
