import { ProductPage } from '@mogul/contracts';
import { startTestPlatform, TestPlatform } from '../testing/platform';
import { DEMO_DESIGNS, DEMO_OPERATOR } from './demo/catalogue';
import { loadDemoData } from './demo-data';

/** The demo data set stays valid against the real services, and loading it twice changes nothing. */
describe('demo data', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: DEMO_OPERATOR.email });
  }, 120_000);

  afterAll(() => platform?.close());

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
});
