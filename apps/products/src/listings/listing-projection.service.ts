import { Injectable } from '@nestjs/common';
import { Causation, ListingStateV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { ProductService } from '../products/product.service';
import { Listing } from './listing.entity';

/**
 * Keeps products' projection of listings from `listings.listing.*`. Every event carries the
 * listing's full state, so each is handled alike: the state is stored only if its version is newer
 * than the one held, which makes redelivered and late events harmless; then the designs on the
 * listing follow it.
 */
@Injectable()
export class ListingProjection {
  constructor(private readonly products: ProductService) {}

  /** Applies a listing's state in the consumer's transaction; returns whether it was newer. */
  async apply(manager: EntityManager, state: ListingStateV1, cause: Causation): Promise<boolean> {
    const listing = Listing.fromState(state);
    const applied: unknown[] = await manager.query(
      `INSERT INTO listings (id, merchant_id, title, category, status, base_price_amount, currency, option_groups, royalty_policy, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)
       ON CONFLICT (id) DO UPDATE SET
         merchant_id = EXCLUDED.merchant_id, title = EXCLUDED.title, category = EXCLUDED.category, status = EXCLUDED.status,
         base_price_amount = EXCLUDED.base_price_amount, currency = EXCLUDED.currency, option_groups = EXCLUDED.option_groups,
         royalty_policy = EXCLUDED.royalty_policy, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE listings.version < EXCLUDED.version
       RETURNING id`,
      [
        listing.id,
        listing.merchantId,
        listing.title,
        listing.category,
        listing.status,
        listing.basePriceAmount,
        listing.currency,
        JSON.stringify(listing.optionGroups),
        JSON.stringify(listing.royaltyPolicy),
        listing.version,
        listing.updatedAt,
      ],
    );
    if (applied.length === 0) return false;
    await this.products.followListing(manager, listing, cause);
    return true;
  }
}
