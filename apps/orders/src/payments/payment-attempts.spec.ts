import { chargeWithRetries } from './payment-attempts';
import { SimulatedPaymentProvider, SimulatorTokens } from './simulated-payment-provider';

const amount = { amount: 1650, currency: 'AUD' };
const policy = { attempts: 3, firstDelayMs: 1 };

describe('chargeWithRetries with the simulator', () => {
  it('succeeds with tok_success and returns the same payment for the same reference', async () => {
    const provider = new SimulatedPaymentProvider();
    const first = await chargeWithRetries(provider, { reference: 'o1', token: SimulatorTokens.success, amount }, policy);
    expect(first.outcome).toBe('succeeded');
    expect(await provider.charge({ reference: 'o1', token: SimulatorTokens.success, amount })).toEqual(first);
  });

  it('declines tok_decline without retrying', async () => {
    const provider = new SimulatedPaymentProvider();
    const charge = jest.spyOn(provider, 'charge');
    expect(await chargeWithRetries(provider, { reference: 'o2', token: SimulatorTokens.decline, amount }, policy)).toEqual({
      outcome: 'declined',
      reason: 'card_declined',
    });
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('retries a transient failure and then succeeds', async () => {
    const provider = new SimulatedPaymentProvider();
    const charge = jest.spyOn(provider, 'charge');
    const result = await chargeWithRetries(provider, { reference: 'o3', token: SimulatorTokens.transientThenSuccess, amount }, policy);
    expect(result.outcome).toBe('succeeded');
    expect(charge).toHaveBeenCalledTimes(2);
  });

  it('gives up after the attempts when failures persist', async () => {
    const provider = new SimulatedPaymentProvider();
    const charge = jest.spyOn(provider, 'charge');
    expect(await chargeWithRetries(provider, { reference: 'o4', token: SimulatorTokens.transient, amount }, policy)).toEqual({
      outcome: 'declined',
      reason: 'unavailable',
    });
    expect(charge).toHaveBeenCalledTimes(3);
  });
});
