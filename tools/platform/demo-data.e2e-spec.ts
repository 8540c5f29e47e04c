import { EarningsView, LeaderboardView, OrderPage, ProductPage } from '@mogul/contracts';
import { eventually } from '@mogul/testing';
import { startTestPlatform, TestPlatform } from '../testing/platform';
import { ApiClient } from './demo/api-client';
import { DEMO_ACCOUNTS, DEMO_CHARITY, DEMO_DESIGNS, DEMO_OPERATOR, DEMO_ORDER, DEMO_WEEKLY_PRIZE } from './demo/catalogue';
import { loadDemoData } from './demo-data';

/** The demo data set stays valid against the real services, and loading it twice changes nothing. */
describe('demo data', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: DEMO_OPERATOR.email });
  }, 120_000);

  afterAll(() => platform?.close());

  async function signIn(email: string, password: string): Promise<string> {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return ((await res.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  }

  async function publishedDesigns(): Promise<ProductPage['items']> {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/products?limit=100`);
    return ((await res.json()) as ProductPage).items;
  }

  it('loads listings, published designs with a remix and votes through the public API, once', async () => {
    await loadDemoData(platform.gatewayUrl, () => undefined);
    await loadDemoData(platform.gatewayUrl, () => undefined);

    const designs = await publishedDesigns();
    expect(designs.map((d) => d.name).sort()).toEqual(DEMO_DESIGNS.map((d) => d.name).sort());
    const remix = designs.find((d) => d.name === 'Extra Spicy Meat Feast')!;
    const parent = designs.find((d) => d.name === 'Spicy Meat Feast')!;
    expect(remix.remixOf?.parentProductId).toBe(parent.id);
    expect(remix.remixOf?.parentShareBps).toBe(2000);
    // Base 12.00 + classic 0 + peri 0.50 + mozzarella 0 + pepperoni 2.00, chorizo 2.50, bacon 2.50,
    // jalapeño 1.00, chilli 0.50 + royalty 1.20 = 22.20 AUD.
    expect(remix.unitPrice).toEqual({ amount: 2220, currency: 'AUD' });
    expect(designs.every((d) => d.orderable)).toBe(true);
    expect(parent.votes).toBe(1);
  });

  it("places the shopper's order once; each creator's royalties show in their earnings and on the leaderboard", async () => {
    const get = async <T>(path: string, token?: string) =>
      (await (
        await fetch(`${platform.gatewayUrl}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      ).json()) as T;

    const shopper = DEMO_ACCOUNTS.find((a) => a.key === 'shopper')!;
    const orders = await get<OrderPage>('/orders', await signIn(shopper.email, shopper.password));
    expect(orders.items.map((o) => o.status)).toEqual(['fulfilled']);

    // Each line earns its design's creator the royalty; a remix gives 20 % of it (rounded down) to the parent's creator.
    const expected = new Map<string, number>();
    const earn = (creator: string, amount: number) => expected.set(creator, (expected.get(creator) ?? 0) + amount);
    for (const line of DEMO_ORDER) {
      const design = DEMO_DESIGNS.find((d) => d.key === line.design)!;
      const royalty = design.royaltyPerUnit.amount * line.quantity;
      const parentShare = design.remixOf ? Math.floor((royalty * 2000) / 10_000) : 0;
      earn(design.creator, royalty - parentShare);
      if (design.remixOf) earn(DEMO_DESIGNS.find((d) => d.key === design.remixOf)!.creator, parentShare);
    }
    const earners: { creatorId: string; earned: { amount: number; currency: string } }[] = [];
    for (const [key, amount] of expected) {
      const creator = DEMO_ACCOUNTS.find((a) => a.key === key)!;
      const token = await signIn(creator.email, creator.password);
      const earnings = await eventually(
        async () => {
          const current = await get<EarningsView>('/creators/me/earnings', token);
          return current.currencies[0]?.lifetime.accrued.amount === amount ? current : undefined;
        },
        20_000,
        `${amount} accrued to ${key}`,
      );
      earners.push({ creatorId: earnings.creatorId, earned: { amount, currency: 'AUD' } });
      // The giver's one line gives its share (rounded down) to the demo charity; the others give nothing.
      const given = key === DEMO_CHARITY.giver ? Math.floor((amount * DEMO_CHARITY.percent) / 100) : 0;
      expect(earnings.currencies[0].donated.lifetime).toEqual({ amount: given, currency: 'AUD' });
    }
    const board = await get<LeaderboardView>('/creators/leaderboard');
    expect(board.weeklyPrize).toMatchObject({ prize: DEMO_WEEKLY_PRIZE.amount, timeZone: DEMO_WEEKLY_PRIZE.timeZone });
    expect(board.creators).toEqual(expect.arrayContaining(earners.map((e) => expect.objectContaining(e))));
    expect(board.designs.map((d) => d.productName).sort()).toEqual(
      DEMO_ORDER.map((line) => DEMO_DESIGNS.find((d) => d.key === line.design)!.name).sort(),
    );
  });

  it('loads again, leaving alone the designs someone has since rejected or withdrawn', async () => {
    const api = new ApiClient(platform.gatewayUrl);
    const designs = await publishedDesigns();
    const rejected = designs.find((d) => d.name === 'Extra Spicy Meat Feast')!;
    const withdrawn = DEMO_DESIGNS.find((d) => d.key === 'garden')!;
    const operatorToken = await signIn(DEMO_OPERATOR.email, DEMO_OPERATOR.password);
    await api.call('POST', `/products/${rejected.id}/reject`, { token: operatorToken, body: { reason: 'too spicy' }, expect: [200] });
    const creator = DEMO_ACCOUNTS.find((a) => a.key === withdrawn.creator)!;
    const garden = designs.find((d) => d.name === withdrawn.name)!;
    await api.call('POST', `/products/${garden.id}/withdraw`, { token: await signIn(creator.email, creator.password), expect: [200] });

    const lines: string[] = [];
    await loadDemoData(platform.gatewayUrl, (line) => lines.push(line));

    expect(lines).toEqual(
      expect.arrayContaining([`left as it is: ${rejected.name} is rejected`, `left as it is: ${withdrawn.name} is withdrawn`]),
    );
    const names = (await publishedDesigns()).map((d) => d.name);
    expect(names).not.toContain(rejected.name);
    expect(names).not.toContain(withdrawn.name);
    expect(names).toHaveLength(DEMO_DESIGNS.length - 2);
  });
});
