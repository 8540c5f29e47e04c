import { randomUUID } from 'node:crypto';
import { eventually } from '@mogul/testing';

/**
 * Waits until the orders service can price `productId` (it learns of published designs from
 * their events): a throwaway account's order with the simulator's declining token is the probe,
 * so no royalty comes of it. A person ordering in the page meanwhile would be told "not yet".
 */
export async function untilOrderable(baseUrl: string, productId: string): Promise<void> {
  const post = async (path: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
  const registered = await post('/auth/register', {
    email: `probe.${randomUUID().slice(0, 8)}@example.com`,
    password: 'a probe account password',
    displayName: 'Probe',
  });
  const { tokens } = (await registered.json()) as { tokens: { accessToken: string } };
  await eventually(
    async () => {
      const order = await post('/orders', { lines: [{ productId, quantity: 1 }], paymentToken: 'tok_decline' }, tokens.accessToken, {
        'Idempotency-Key': randomUUID(),
      });
      return order.status === 201 ? true : undefined;
    },
    20_000,
    `design ${productId} to reach orders`,
  );
}
