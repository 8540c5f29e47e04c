import { EntityManager, QueryFailedError } from 'typeorm';
import { Listing } from '../listings/listing.entity';
import { Product } from './product.entity';

const SLUG_UNIQUE_INDEX = 'uq_products_slug';

/**
 * Designs, their votes and share slugs, and the listings they are made on (products' projection),
 * through the transaction (or plain manager) it is given.
 */
export class ProductRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<Product | null> {
    return this.manager.findOne(Product, { where: { id } });
  }

  /** The design, locked for the rest of the transaction, so that concurrent changes to it queue. */
  findLocked(id: string): Promise<Product | null> {
    return this.manager.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every design on the listing, locked, in id order (so that two transactions lock them alike). */
  findLockedOnListing(listingId: string): Promise<Product[]> {
    return this.manager.find(Product, { where: { listingId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a new design or stores the changes of one read in this transaction. */
  save(product: Product): Promise<Product> {
    return this.manager.save(product);
  }

  async saveAll(products: Product[]): Promise<void> {
    await this.manager.save(products);
  }

  /** Records the user's vote; false when they had voted already (the primary key says so). */
  async addVote(productId: string, voterId: string, at: Date): Promise<boolean> {
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO product_votes (product_id, voter_id, voted_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING product_id`,
      [productId, voterId, at],
    );
    return inserted.length > 0;
  }

  /**
   * Gives the design the share slug, in a savepoint; false when another design holds it already
   * (the unique index says so), with the transaction still usable for the next draw.
   */
  async claimSlug(productId: string, slug: string): Promise<boolean> {
    try {
      await this.manager.transaction((savepoint) => savepoint.query(`UPDATE products SET slug = $2 WHERE id = $1`, [productId, slug]));
      return true;
    } catch (error) {
      if (isUniqueViolation(error, SLUG_UNIQUE_INDEX)) return false;
      throw error;
    }
  }

  findListing(listingId: string): Promise<Listing | null> {
    return this.manager.findOne(Listing, { where: { id: listingId } });
  }

  /** The listing the design is made on: always held here (a foreign key), so never missing. */
  listingOf(product: Product): Promise<Listing> {
    return this.manager.findOneOrFail(Listing, { where: { id: product.listingId } });
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
