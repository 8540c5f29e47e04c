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

/** How many recent references the simulator remembers, as a provider keeps idempotency keys for a while. */
const REMEMBERED_REFERENCES = 100_000;

/** Remembers `value` under `key`; past the limit the oldest entry is forgotten, so memory stays bounded. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= REMEMBERED_REFERENCES) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/**
 * A payment provider that moves no money: outcomes follow the token. Like a real provider it
 * answers a repeated charge of a reference with the first charge, for the last
 * `REMEMBERED_REFERENCES` references (in memory: a restart forgets them).
 */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  private readonly attempts = new Map<string, number>();
  private readonly charges = new Map<string, string>();

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const done = this.charges.get(request.reference);
    if (done) return { outcome: 'succeeded', paymentId: done };
    const attempt = (this.attempts.get(request.reference) ?? 0) + 1;
    remember(this.attempts, request.reference, attempt);
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
    remember(this.charges, reference, paymentId);
    return { outcome: 'succeeded', paymentId };
  }
}
