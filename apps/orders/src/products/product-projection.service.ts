import { Injectable } from '@nestjs/common';
import { ProductStateV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { Product } from './product.entity';

/**
 * Keeps orders' projection of designs from `products.product.*`. Every event carries the design's
 * full state, so each is handled alike: stored only when its version is newer than the one held,
 * which makes redelivered and late events harmless.
 */
@Injectable()
export class ProductProjection {
  /** Applies a design's state in the consumer's transaction; answers whether it was newer. */
  async apply(manager: EntityManager, state: ProductStateV1): Promise<boolean> {
    const p = Product.fromState(state);
    const applied: unknown[] = await manager.query(
      `INSERT INTO products (id, listing_id, merchant_id, creator_id, name, status, orderable, unit_price_amount, royalty_amount,
                             currency, parent_creator_id, parent_share_bps, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (id) DO UPDATE SET
         listing_id = EXCLUDED.listing_id, merchant_id = EXCLUDED.merchant_id, creator_id = EXCLUDED.creator_id,
         name = EXCLUDED.name, status = EXCLUDED.status, orderable = EXCLUDED.orderable,
         unit_price_amount = EXCLUDED.unit_price_amount, royalty_amount = EXCLUDED.royalty_amount, currency = EXCLUDED.currency,
         parent_creator_id = EXCLUDED.parent_creator_id, parent_share_bps = EXCLUDED.parent_share_bps,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE products.version < EXCLUDED.version
       RETURNING id`,
      [
        p.id,
        p.listingId,
        p.merchantId,
        p.creatorId,
        p.name,
        p.status,
        p.orderable,
        p.unitPriceAmount,
        p.royaltyAmount,
        p.currency,
        p.parentCreatorId,
        p.parentShareBps,
        p.version,
        p.updatedAt,
      ],
    );
    return applied.length > 0;
  }
}
