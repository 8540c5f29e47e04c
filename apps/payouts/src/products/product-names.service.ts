import { Injectable } from '@nestjs/common';
import { ProductStateV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';

/**
 * Payouts' projection of designs, kept from `products.product.*`: only what statements and the
 * leaderboard show (the name, and whose design it is). The newest version wins, so redelivered
 * and late events change nothing.
 */
@Injectable()
export class ProductNames {
  async apply(manager: EntityManager, state: ProductStateV1): Promise<void> {
    await manager.query(
      `INSERT INTO products (id, creator_id, name, version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET creator_id = EXCLUDED.creator_id, name = EXCLUDED.name, version = EXCLUDED.version,
         updated_at = EXCLUDED.updated_at
       WHERE products.version < EXCLUDED.version`,
      [state.productId, state.creatorId, state.name, state.version, new Date(state.updatedAt)],
    );
  }
}
