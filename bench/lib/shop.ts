import { randomUUID } from 'node:crypto';
import { eventually } from '@mogul/testing';
import { PIZZA_LISTING } from '../../tools/platform/demo/catalogue';

const PASSWORD = 'correct horse battery staple';

/** One call to the gateway's API; a non-2xx answer throws with the problem document. */
export async function call<T>(
  base: string,
  method: string,
  path: string,
  options: { body?: object; token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(options.body ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Account {
  id: string;
  token: string;
}

interface SignedIn {
  user: { id: string };
  tokens: { accessToken: string; refreshToken: string };
}

/** Accounts, a listing and designs made through the public API, as a client would. */
export class BenchShop {
  constructor(readonly base: string) {}

  async register(email = `bench.${randomUUID()}@bench.test`): Promise<Account & { signedIn: SignedIn }> {
    const signedIn = await call<SignedIn>(this.base, 'POST', '/auth/register', {
      body: { email, password: PASSWORD, displayName: 'Bench' },
    });
    return { id: signedIn.user.id, token: signedIn.tokens.accessToken, signedIn };
  }

  /** A token issued after a role change carries the new role. */
  private async refreshed(account: Account & { signedIn: SignedIn }): Promise<Account> {
    const body = { refreshToken: account.signedIn.tokens.refreshToken };
    const signedIn = await call<SignedIn>(this.base, 'POST', '/auth/refresh', { body });
    return { id: account.id, token: signedIn.tokens.accessToken };
  }

  async merchant(operator: Account): Promise<Account> {
    const account = await this.register();
    await call(this.base, 'POST', `/users/${account.id}/roles`, { body: { role: 'merchant' }, token: operator.token });
    return this.refreshed(account);
  }

  async creator(): Promise<Account> {
    const account = await this.register();
    await call(this.base, 'POST', '/me/creator', { token: account.token });
    return this.refreshed(account);
  }

  /** The demo's build-your-own pizza (royalty 0.25–1.50 AUD), published. */
  async listing(merchant: Account): Promise<string> {
    const { owner: _owner, ...pizza } = PIZZA_LISTING;
    const listing = await call<{ id: string }>(this.base, 'POST', '/listings', {
      token: merchant.token,
      body: { ...pizza, publish: true },
    });
    return listing.id;
  }

  /** A published design that orders can price (a paid probe order by `buyer` proves it). */
  async orderableDesign(creator: Account, listingId: string, royalty: number, buyer: Account): Promise<string> {
    const body = {
      listingId,
      name: `Bench ${randomUUID().slice(0, 6)}`,
      description: '',
      selections: { crust: ['classic'], sauce: ['tomato'] },
      royaltyPerUnit: { amount: royalty, currency: 'AUD' },
    };
    const design = await eventually(
      () => call<{ id: string }>(this.base, 'POST', '/products', { body, token: creator.token }).catch(() => undefined),
      30_000,
      'the listing to reach products',
    );
    await call(this.base, 'POST', `/products/${design.id}/publish`, { body: {}, token: creator.token });
    await eventually(
      () =>
        this.order(buyer, design.id)
          .then(() => true)
          .catch(() => undefined),
      30_000,
      'the design to reach orders',
    );
    return design.id;
  }

  order(shopper: Account, productId: string, quantity = 1): Promise<{ id: string; status: string; paidAt: string | null }> {
    return call(this.base, 'POST', '/orders', {
      token: shopper.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { lines: [{ productId, quantity }], paymentToken: 'tok_success' },
    });
  }
}
