import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, TransientPaymentError } from './payment-provider';

/**
 * Test tokens of the built-in simulator (documented in the orders README):
 * - `tok_success`: charged at once;
 * - `tok_decline`: declined (`card_declined`);
 * - `tok_transient_then_success`: the first attempt per order fails transiently, the next succeeds;
 * - `tok_transient`: every attempt fails transiently.
 * Any other token is declined as `invalid_token`.
 */
export const SimulatorTokens = {
  success: 'tok_success',
  decline: 'tok_decline',
  transientThenSuccess: 'tok_transient_then_success',
  transient: 'tok_transient',
} as const;

/** A payment provider that moves no money: outcomes follow the token. */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  private readonly attempts = new Map<string, number>();
  private readonly charges = new Map<string, string>();

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const done = this.charges.get(request.reference);
    if (done) return { outcome: 'succeeded', paymentId: done };
    const attempt = (this.attempts.get(request.reference) ?? 0) + 1;
    this.attempts.set(request.reference, attempt);
    switch (request.token) {
      case SimulatorTokens.success:
        return this.succeed(request.reference);
      case SimulatorTokens.decline:
        return { outcome: 'declined', reason: 'card_declined' };
      case SimulatorTokens.transientThenSuccess:
        if (attempt === 1) throw new TransientPaymentError('simulated transient failure');
        return this.succeed(request.reference);
      case SimulatorTokens.transient:
        throw new TransientPaymentError('simulated transient failure');
      default:
        return { outcome: 'declined', reason: 'invalid_token' };
    }
  }

  async refund(_: RefundRequest): Promise<void> {
    // The simulator holds no balances: every refund of a simulated charge succeeds.
  }

  private succeed(reference: string): ChargeResult {
    this.attempts.delete(reference);
    const paymentId = `sim_${randomUUID()}`;
    this.charges.set(reference, paymentId);
    return { outcome: 'succeeded', paymentId };
  }
}
