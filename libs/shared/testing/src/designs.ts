import { randomUUID } from 'node:crypto';
import { ProductStateV1 } from '@mogul/contracts';

/**
 * The state a `products.product.*` event carries for a published, orderable design of fresh ids,
 * priced 12.00 AUD with a 0.50 AUD royalty unless `changes` say otherwise: for specs that feed
 * a service's projection of designs straight from the topic.
 */
export function publishedDesign(changes: Partial<ProductStateV1> = {}): ProductStateV1 {
  return {
    productId: randomUUID(),
    listingId: randomUUID(),
    merchantId: randomUUID(),
    creatorId: randomUUID(),
    name: 'Test design',
    slug: `design-${randomUUID().slice(0, 8)}`,
    status: 'published',
    selections: { crust: ['thin'] },
    unitPrice: { amount: 1200, currency: 'AUD' },
    royaltyPerUnit: { amount: 50, currency: 'AUD' },
    parentProductId: null,
    parentCreatorId: null,
    parentShareBps: null,
    orderable: true,
    votes: 0,
    rejectionReason: null,
    version: 1,
    updatedAt: new Date().toISOString(),
    ...changes,
  };
}
