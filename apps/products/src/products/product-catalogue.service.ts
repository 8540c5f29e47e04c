import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductLimits, ProductPage, ProductSort, ProductStatus, ProductView } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { ProductNotFoundError } from '../errors';
import { Listing } from '../listings/listing.entity';
import { User } from '../users/user.entity';
import { Viewer, viewerOf } from './actor';
import { FlagSummaries } from './flag-summaries.service';
import { decodeCursor, encodeCursor, ListKind, PagePosition } from './cursor';
import { Product } from './product.entity';

export interface BrowseFilter {
  sort?: ProductSort;
  listingId?: string;
  category?: string;
  creatorId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface MineFilter {
  status?: ProductStatus;
  sort?: ProductSort;
  limit?: number;
  cursor?: string;
}

/** Whether the caller sees a design's flags with it: its creator and operators do. */
export interface ViewOptions {
  withFlags: boolean;
}

function mayReadFlags(product: Product, viewer: Viewer | undefined): boolean {
  return viewer !== undefined && (viewer.isOperator || product.isCreatedBy(viewer.userId));
}

/** The column each sort ranks by; `newest` ranks the public by publication, a creator's own list by creation. */
function sortProperty(list: ListKind, sort: ProductSort): keyof Product & string {
  if (sort === 'votes') return 'votes';
  if (sort === 'orders') return 'unitsOrdered';
  return list === 'browse' ? 'publishedAt' : 'createdAt';
}

/**
 * Reading designs: one by id or slug (published ones for anyone, the rest for their creator and
 * operators), public browse with filters and full-text search, and a creator's own list. Lists
 * are keyset-paginated (see `cursor.ts`).
 */
@Injectable()
export class ProductCatalogue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly flags: FlagSummaries,
  ) {}

  /** Its creator and operators also see its open flags (never who made them). */
  async get(actor: Actor | null, productId: string): Promise<ProductView> {
    const product = await this.dataSource.manager.findOne(Product, { where: { id: productId } });
    const viewer = viewerOf(actor);
    if (!product?.isVisibleTo(viewer)) throw new ProductNotFoundError(productId);
    return this.viewOf(product, { withFlags: mayReadFlags(product, viewer) });
  }

  async getBySlug(actor: Actor | null, slug: string): Promise<ProductView> {
    const product = await this.dataSource.manager.findOne(Product, { where: { slug } });
    const viewer = viewerOf(actor);
    if (!product?.isVisibleTo(viewer)) throw new ProductNotFoundError(slug);
    return this.viewOf(product, { withFlags: mayReadFlags(product, viewer) });
  }

  /** Published designs that flags do not hide; every filter given must match. */
  browse(filter: BrowseFilter): Promise<ProductPage> {
    const query = this.products().where('p.status = :published AND NOT p.hidden', { published: 'published' });
    if (filter.listingId) query.andWhere('p.listingId = :listingId', { listingId: filter.listingId });
    if (filter.creatorId) query.andWhere('p.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.category) {
      query.innerJoin(Listing, 'l', 'l.id = p.listingId AND lower(l.category) = lower(:category)', { category: filter.category });
    }
    // The generated column `search_vector` (GIN-indexed) holds name and description.
    if (filter.q) query.andWhere(`p.search_vector @@ websearch_to_tsquery('english', :q)`, { q: filter.q });
    return this.page(query, 'browse', filter, { withFlags: false });
  }

  /** The caller's own designs in any status (or the one asked for). */
  mine(actor: Actor, filter: MineFilter): Promise<ProductPage> {
    const query = this.products().where('p.creatorId = :creatorId', { creatorId: actor.userId });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    return this.page(query, 'mine', filter, { withFlags: true });
  }

  private products(): SelectQueryBuilder<Product> {
    return this.dataSource.manager.createQueryBuilder(Product, 'p');
  }

  private async page(
    query: SelectQueryBuilder<Product>,
    list: ListKind,
    request: { sort?: ProductSort; limit?: number; cursor?: string },
    options: ViewOptions,
  ): Promise<ProductPage> {
    const sort = request.sort ?? 'newest';
    const limit = request.limit ?? ProductLimits.pageSizeDefault;
    const property = sortProperty(list, sort);
    const column = `p.${property}`;
    if (request.cursor) {
      const after = decodeCursor(request.cursor, list, sort);
      const key = sort === 'newest' ? 'CAST(:afterKey AS timestamptz)' : 'CAST(:afterKey AS bigint)';
      query.andWhere(`(${column}, p.id) < (${key}, CAST(:afterId AS uuid))`, { afterKey: after.key, afterId: after.id });
    }
    // One row more than the page tells whether another page follows.
    const rows = await query
      .orderBy(column, 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(this.positionOf(last, list, sort, property)) : null;
    return { items: await this.viewsOf(items, options), nextCursor };
  }

  private positionOf(product: Product, list: ListKind, sort: ProductSort, property: keyof Product & string): PagePosition {
    const value = product[property];
    const key = value instanceof Date ? value.toISOString() : (value as number);
    return { list, sort, key, id: product.id };
  }

  async viewOf(product: Product, options: ViewOptions = { withFlags: false }): Promise<ProductView> {
    return (await this.viewsOf([product], options))[0];
  }

  /**
   * Views with each design's listing category and creator name, in two lookups for the whole page,
   * and with its open flags when the caller may read them (two more).
   */
  async viewsOf(products: Product[], options: ViewOptions = { withFlags: false }): Promise<ProductView[]> {
    if (products.length === 0) return [];
    const manager = this.dataSource.manager;
    const [listings, users, flags] = await Promise.all([
      manager.find(Listing, { where: { id: In([...new Set(products.map((p) => p.listingId))]) }, select: { id: true, category: true } }),
      manager.find(User, { where: { id: In([...new Set(products.map((p) => p.creatorId))]) } }),
      options.withFlags ? this.flags.of(products) : undefined,
    ]);
    const categories = new Map(listings.map((l) => [l.id, l.category]));
    const names = new Map(users.map((u) => [u.id, u]));
    return products.map((p) => {
      const view = p.view({ category: categories.get(p.listingId) ?? '', creator: names.get(p.creatorId) });
      const summary = flags?.get(p.id);
      return summary ? { ...view, flags: summary } : view;
    });
  }
}
