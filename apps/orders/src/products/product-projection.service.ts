import { Injectable } from '@nestjs/common';
import { ProductStateV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { Product } from './product.entity';

/**
 * Orders' projection of designs from `products.product.*`. Every event carries the design's full
 * state, so each is handled alike: stored only when its version is newer than the one held, which
 * makes redelivered and late events harmless.
 */
@Injectable()
export class ProductProjection {
  /**
   * Applies designs' states in the consumer's transaction, in one statement; returns the ids it
   * stored. Of several states of one design, the newest is the one offered.
   */
  async applyAll(manager: EntityManager, states: ProductStateV1[]): Promise<string[]> {
    const newest = new Map<string, Product>();
    for (const state of states) {
      const product = Product.fromState(state);
      const held = newest.get(product.id);
      if (!held || held.version < product.version) newest.set(product.id, product);
    }
    if (newest.size === 0) return [];
    const rows = [...newest.values()];
    const column = <T>(pick: (p: Product) => T) => rows.map(pick);
    const applied: { id: string }[] = await manager.query(
      `INSERT INTO products (id, listing_id, merchant_id, creator_id, name, status, orderable, unit_price_amount, royalty_amount,
                             currency, parent_creator_id, parent_share_bps, version, updated_at, fits_listing, hidden)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::boolean[], $8::bigint[],
                            $9::bigint[], $10::text[], $11::uuid[], $12::integer[], $13::integer[], $14::timestamptz[], $15::boolean[], $16::boolean[])
       ON CONFLICT (id) DO UPDATE SET
         listing_id = EXCLUDED.listing_id, merchant_id = EXCLUDED.merchant_id, creator_id = EXCLUDED.creator_id,
         name = EXCLUDED.name, status = EXCLUDED.status, orderable = EXCLUDED.orderable, fits_listing = EXCLUDED.fits_listing,
         hidden = EXCLUDED.hidden,
         unit_price_amount = EXCLUDED.unit_price_amount, royalty_amount = EXCLUDED.royalty_amount, currency = EXCLUDED.currency,
         parent_creator_id = EXCLUDED.parent_creator_id, parent_share_bps = EXCLUDED.parent_share_bps,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE products.version < EXCLUDED.version
       RETURNING id`,
      [
        column((p) => p.id),
        column((p) => p.listingId),
        column((p) => p.merchantId),
        column((p) => p.creatorId),
        column((p) => p.name),
        column((p) => p.status),
        column((p) => p.orderable),
        column((p) => p.unitPriceAmount),
        column((p) => p.royaltyAmount),
        column((p) => p.currency),
        column((p) => p.parentCreatorId),
        column((p) => p.parentShareBps),
        column((p) => p.version),
        column((p) => p.updatedAt),
        column((p) => p.fitsListing),
        column((p) => p.hidden),
      ],
    );
    return applied.map((row) => row.id);
  }
}
