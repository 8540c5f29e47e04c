import { Injectable } from '@nestjs/common';
import { ProductStateV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '@mogul/persistence';

/**
 * Payouts' projection of designs, kept from `products.product.*`: only what statements and the
 * leaderboard show (the name, whose design it is, and whether it may be shown: not while its
 * reports hide it, nor once rejected). The newest version wins, so redelivered and late events
 * change nothing.
 */
@Injectable()
export class ProductNames {
  async apply(manager: EntityManager, states: ProductStateV1[]): Promise<void> {
    // One row per design (its newest state in the run): an upsert may not touch a row twice.
    const newest = new Map<string, ProductStateV1>();
    for (const state of states) {
      if ((newest.get(state.productId)?.version ?? -1) < state.version) newest.set(state.productId, state);
    }
    if (newest.size === 0) return;
    const rows = [...newest.values()];
    await preparedQuery(
      manager,
      'products.apply-names',
      `INSERT INTO products AS p (id, creator_id, name, version, updated_at, on_show)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::timestamptz[], $6::boolean[])
       ON CONFLICT (id) DO UPDATE SET creator_id = EXCLUDED.creator_id, name = EXCLUDED.name, version = EXCLUDED.version,
         updated_at = EXCLUDED.updated_at, on_show = EXCLUDED.on_show
       WHERE p.version < EXCLUDED.version`,
      [
        rows.map((s) => s.productId),
        rows.map((s) => s.creatorId),
        rows.map((s) => s.name),
        rows.map((s) => s.version),
        rows.map((s) => new Date(s.updatedAt)),
        rows.map((s) => s.status !== 'rejected' && s.hidden !== true),
      ],
    );
  }
}
