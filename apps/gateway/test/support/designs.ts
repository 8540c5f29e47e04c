import { Money, ProductView } from '@mogul/contracts';
import { eventually } from '@mogul/testing';
import request, { Response } from 'supertest';
import { Account } from './accounts';
import { PROPAGATION_MS } from './spec-settings';

export interface DesignDraft {
  listingId: string;
  name: string;
  description: string;
  selections: Record<string, string[]>;
  royaltyPerUnit: Money;
}

/**
 * A design of `owner`'s, created once the listing has reached products and published, returned
 * once orders can price it: `probe` places an order for it with a declining payment token, which
 * answers 201 (and earns nothing) as soon as orders knows the design.
 */
export async function publishedOrderableDesign(
  api: () => ReturnType<typeof request>,
  owner: Account,
  draft: DesignDraft,
  probe: (designId: string) => Promise<Response>,
): Promise<ProductView> {
  const created = await eventually(
    async () => {
      const response = await api().post('/api/v1/products').auth(owner.token, { type: 'bearer' }).send(draft);
      return response.status === 201 ? (response.body as ProductView) : undefined;
    },
    PROPAGATION_MS,
    'the listing to reach products',
  );
  const published = await api().post(`/api/v1/products/${created.id}/publish`).auth(owner.token, { type: 'bearer' }).send({});
  expect(published.status).toBe(200);
  await eventually(
    async () => ((await probe(created.id)).status === 201 ? true : undefined),
    PROPAGATION_MS,
    `design ${created.id} to reach orders`,
  );
  return published.body as ProductView;
}
