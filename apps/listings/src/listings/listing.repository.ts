import { ListingStatus } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { ListingVersionConflictError } from '../errors';
import { Listing } from './listing.entity';
import { ListingCursor } from './listing-cursor';

export interface ListingSlice {
  listings: Listing[];
  /** True when more listings follow the last one. */
  more: boolean;
}

/** The listings table, through the transaction (or plain manager) it is given. */
export class ListingRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<Listing | null> {
    return this.manager.findOneBy(Listing, { id });
  }

  async add(listing: Listing): Promise<void> {
    await this.manager.insert(Listing, listing);
  }

  /**
   * Stores a change made to a listing read at `readVersion`. Throws
   * `ListingVersionConflictError` when another change was stored in between.
   */
  async saveChange(listing: Listing, readVersion: number): Promise<void> {
    const result = await this.manager.update(
      Listing,
      { id: listing.id, version: readVersion },
      {
        title: listing.title,
        description: listing.description,
        category: listing.category,
        currency: listing.currency,
        basePrice: listing.basePrice,
        royaltyMin: listing.royaltyMin,
        royaltyMax: listing.royaltyMax,
        optionGroups: listing.optionGroups,
        status: listing.status,
        version: listing.version,
        updatedAt: listing.updatedAt,
        publishedAt: listing.publishedAt,
      },
    );
    if (result.affected !== 1) throw new ListingVersionConflictError(listing.id, readVersion);
  }

  /** Active listings, newest first by publication; `limit` of them and whether more follow. */
  async active(options: { category?: string; after?: ListingCursor; limit: number }): Promise<ListingSlice> {
    const query = this.manager.createQueryBuilder(Listing, 'l').where('l.status = :status', { status: 'active' satisfies ListingStatus });
    if (options.category !== undefined) query.andWhere('lower(l.category) = lower(:category)', { category: options.category });
    if (options.after) query.andWhere('(l.published_at, l.id) < (:at, :id)', { at: options.after.at, id: options.after.id });
    query
      .orderBy('l.published_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(options.limit + 1);
    return slice(await query.getMany(), options.limit);
  }

  /** A merchant's own listings of any status, newest first by creation. */
  async ownedBy(merchantId: string, options: { status?: ListingStatus; after?: ListingCursor; limit: number }): Promise<ListingSlice> {
    const query = this.manager.createQueryBuilder(Listing, 'l').where('l.merchant_id = :merchantId', { merchantId });
    if (options.status !== undefined) query.andWhere('l.status = :status', { status: options.status });
    if (options.after) query.andWhere('(l.created_at, l.id) < (:at, :id)', { at: options.after.at, id: options.after.id });
    query
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(options.limit + 1);
    return slice(await query.getMany(), options.limit);
  }
}

function slice(rows: Listing[], limit: number): ListingSlice {
  return { listings: rows.slice(0, limit), more: rows.length > limit };
}
