import { randomUUID } from 'node:crypto';
import { ApiClient, ApiError, untilSettled } from './demo/api-client';
import {
  DEMO_ACCOUNTS,
  DEMO_CHARITY,
  DEMO_DESIGNS,
  DEMO_OPERATOR,
  DEMO_ORDER,
  DEMO_WEEKLY_PRIZE,
  DemoAccount,
  PIZZA_LISTING,
  TSHIRT_LISTING,
} from './demo/catalogue';

interface Session {
  userId: string;
  token: string;
}

interface Listing {
  id: string;
  title: string;
}

interface Product {
  id: string;
  name: string;
  status: string;
  votes: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Loads the demo data set through the gateway's public API, as any client would, so every rule of
 * the platform applies (hashing, roles, validation, events). Loading it again changes nothing:
 * existing accounts sign in, existing listings and designs are found by name, and what someone has
 * changed since (a design withdrawn or rejected) is left as it is.
 */
export async function loadDemoData(gatewayUrl: string, log: (line: string) => void): Promise<void> {
  const api = new ApiClient(gatewayUrl);
  const sessions = new Map<string, Session>();
  const operator = await signUpOrIn(api, DEMO_OPERATOR);
  for (const account of DEMO_ACCOUNTS) {
    let session = await signUpOrIn(api, account);
    if (account.role === 'merchant') {
      await api.call('POST', `/users/${session.userId}/roles`, { token: operator.token, body: { role: 'merchant' } });
    }
    if (account.role === 'creator') await api.call('POST', '/me/creator', { token: session.token });
    // A token issued after the grant carries the role.
    if (account.role) session = await signIn(api, account);
    sessions.set(account.key, session);
  }
  log(`accounts: ${[DEMO_OPERATOR, ...DEMO_ACCOUNTS].map((a) => `${a.email} / ${a.password}`).join(', ')}`);

  const listings = {
    pizza: await ensureListing(api, sessions.get(PIZZA_LISTING.owner)!, PIZZA_LISTING),
    tshirt: await ensureListing(api, sessions.get(TSHIRT_LISTING.owner)!, TSHIRT_LISTING),
  };
  log(`listings: ${listings.pizza.title}, ${listings.tshirt.title}`);

  const designs = new Map<string, Product>();
  for (const design of DEMO_DESIGNS) {
    const creator = sessions.get(design.creator)!;
    const mine = await api.call<Page<Product>>('GET', '/creators/me/products?limit=100', { token: creator.token });
    let product = mine.body.items.find((p) => p.name === design.name);
    const fields = {
      name: design.name,
      description: design.description,
      selections: design.selections,
      royaltyPerUnit: design.royaltyPerUnit,
    };
    if (!product) {
      // The products service learns about listings from their events: retry until it has.
      product = design.remixOf
        ? (await api.call<Product>('POST', `/products/${designs.get(design.remixOf)!.id}/remix`, { token: creator.token, body: fields }))
            .body
        : (
            await untilSettled(() =>
              api.call<Product>('POST', '/products', { token: creator.token, body: { listingId: listings[design.listing].id, ...fields } }),
            )
          ).body;
    }
    if (product.status === 'draft') {
      product = (await api.call<Product>('POST', `/products/${product.id}/publish`, { token: creator.token })).body;
    }
    designs.set(design.key, product);
  }
  log(`designs: ${[...designs.values()].map((d) => d.name).join(', ')}`);

  // A design someone has since withdrawn or rejected stays as it is: it takes no votes or orders.
  for (const design of designs.values()) {
    if (design.status !== 'published') log(`left as it is: ${design.name} is ${design.status}`);
  }

  const shopper = sessions.get('shopper')!;
  const votedFor = ['meat-feast', 'garden', 'extra-spicy'].map((key) => designs.get(key)!).filter((d) => d.status === 'published');
  for (const design of votedFor) {
    await api.call('POST', `/products/${design.id}/vote`, { token: shopper.token });
  }
  log(`votes: the shopper voted for ${votedFor.map((d) => d.name).join(', ') || 'no design'}`);

  await ensureGiving(api, operator, sessions.get(DEMO_CHARITY.giver)!);
  await ensureWeeklyPrize(api, operator);
  log(
    `giving and prizes: ${DEMO_CHARITY.giver} gives ${DEMO_CHARITY.percent} % of her royalties to ${DEMO_CHARITY.name}; ` +
      `the week's top creator wins ${DEMO_WEEKLY_PRIZE.amount.amount / 100} ${DEMO_WEEKLY_PRIZE.amount.currency}`,
  );

  const order = await ensureDemoOrder(api, shopper, designs);
  if (!order) {
    log('creators and payouts: no demo order, since a design it orders is no longer published');
    return;
  }
  if (order.status === 'paid') {
    await api.call('POST', `/orders/${order.id}/fulfil`, { token: sessions.get(PIZZA_LISTING.owner)!.token });
  }
  log(
    `creators and payouts: the shopper's order ${order.id} is fulfilled; its royalties show in each creator's earnings and the leaderboard`,
  );
}

/** The demo charity (found by name, or added) and the demo creator's share to it, set once. */
async function ensureGiving(api: ApiClient, operator: Session, giver: Session): Promise<void> {
  const { charities } = (await api.call<{ charities: { id: string; name: string }[] }>('GET', '/charities', { token: operator.token }))
    .body;
  const charity =
    charities.find((c) => c.name === DEMO_CHARITY.name) ??
    (await api.call<{ id: string }>('POST', '/charities', { token: operator.token, body: { name: DEMO_CHARITY.name } })).body;
  const giving = await api.call<{ charity: { id: string } | null }>('GET', '/creators/me/giving', { token: giver.token });
  if (giving.body.charity?.id === charity.id) return;
  await api.call('PUT', '/creators/me/giving', { token: giver.token, body: { charityId: charity.id, percent: DEMO_CHARITY.percent } });
}

/** The weekly prize, configured unless an operator already has. */
async function ensureWeeklyPrize(api: ApiClient, operator: Session): Promise<void> {
  const current = await api.call('GET', '/prizes/weekly', { token: operator.token, expect: [200, 404] });
  if (current.status === 200) return;
  await api.call('PUT', '/prizes/weekly', { token: operator.token, body: DEMO_WEEKLY_PRIZE });
}

/**
 * The shopper's demo order, placed (and paid) once: a shopper who has ordered before keeps their
 * orders. None when a design it orders is no longer published.
 */
async function ensureDemoOrder(
  api: ApiClient,
  shopper: Session,
  designs: Map<string, Product>,
): Promise<{ id: string; status: string } | undefined> {
  const mine = await api.call<Page<{ id: string; status: string }>>('GET', '/orders?limit=1', { token: shopper.token });
  if (mine.body.items.length > 0) return mine.body.items[0];
  if (DEMO_ORDER.some((line) => designs.get(line.design)!.status !== 'published')) return undefined;
  const lines = DEMO_ORDER.map((line) => ({ productId: designs.get(line.design)!.id, quantity: line.quantity }));
  // Orders learns about published designs from their events: retry until it can price them all,
  // each attempt under a key of its own (a key keeps its first answer, the 422 of a design not known yet).
  const placed = await untilSettled(() =>
    api.call<{ id: string; status: string }>('POST', '/orders', {
      token: shopper.token,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { lines, paymentToken: 'tok_success' },
    }),
  );
  return placed.body;
}

async function signIn(api: ApiClient, account: DemoAccount): Promise<Session> {
  const { body } = await api.call<{ user: { id: string }; tokens: { accessToken: string } }>('POST', '/auth/login', {
    body: { email: account.email, password: account.password },
  });
  return { userId: body.user.id, token: body.tokens.accessToken };
}

async function signUpOrIn(api: ApiClient, account: DemoAccount): Promise<Session> {
  try {
    const { body } = await api.call<{ user: { id: string }; tokens: { accessToken: string } }>('POST', '/auth/register', {
      body: { email: account.email, password: account.password, displayName: account.displayName },
    });
    return { userId: body.user.id, token: body.tokens.accessToken };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return signIn(api, account);
    throw error;
  }
}

async function ensureListing(api: ApiClient, merchant: Session, listing: typeof PIZZA_LISTING): Promise<Listing> {
  const { owner: _owner, ...fields } = listing;
  const mine = await api.call<Page<Listing>>('GET', '/merchants/me/listings?limit=100', { token: merchant.token });
  const existing = mine.body.items.find((l) => l.title === listing.title);
  if (existing) return existing;
  return (await api.call<Listing>('POST', '/listings', { token: merchant.token, body: { ...fields, publish: true } })).body;
}
