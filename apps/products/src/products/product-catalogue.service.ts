import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductLimits, ProductPage, ProductSort, ProductStatus, ProductView } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { ProductNotFoundError } from '../errors';
import { Listing } from '../listings/listing.entity';
import { User } from '../users/user.entity';
import { viewerOf } from './actor';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(actor: Actor | null, productId: string): Promise<ProductView> {
    const product = await this.dataSource.manager.findOne(Product, { where: { id: productId } });
    if (!product?.isVisibleTo(viewerOf(actor))) throw new ProductNotFoundError(productId);
    return this.viewOf(product);
  }

  async getBySlug(actor: Actor | null, slug: string): Promise<ProductView> {
    const product = await this.dataSource.manager.findOne(Product, { where: { slug } });
    if (!product?.isVisibleTo(viewerOf(actor))) throw new ProductNotFoundError(slug);
    return this.viewOf(product);
  }

  /** Published designs only; every filter given must match. */
  browse(filter: BrowseFilter): Promise<ProductPage> {
    const query = this.products().where('p.status = :published', { published: 'published' });
    if (filter.listingId) query.andWhere('p.listingId = :listingId', { listingId: filter.listingId });
    if (filter.creatorId) query.andWhere('p.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.category) {
      query.innerJoin(Listing, 'l', 'l.id = p.listingId AND lower(l.category) = lower(:category)', { category: filter.category });
    }
    // The generated column `search_vector` (GIN-indexed) holds name and description.
    if (filter.q) query.andWhere(`p.search_vector @@ websearch_to_tsquery('english', :q)`, { q: filter.q });
    return this.page(query, 'browse', filter);
  }

  /** The caller's own designs in any status (or the one asked for). */
  mine(actor: Actor, filter: MineFilter): Promise<ProductPage> {
    const query = this.products().where('p.creatorId = :creatorId', { creatorId: actor.userId });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    return this.page(query, 'mine', filter);
  }

  private products(): SelectQueryBuilder<Product> {
    return this.dataSource.manager.createQueryBuilder(Product, 'p');
  }

  private async page(
    query: SelectQueryBuilder<Product>,
    list: ListKind,
    request: { sort?: ProductSort; limit?: number; cursor?: string },
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
    return { items: await this.viewsOf(items), nextCursor };
  }

  private positionOf(product: Product, list: ListKind, sort: ProductSort, property: keyof Product & string): PagePosition {
    const value = product[property];
    const key = value instanceof Date ? value.toISOString() : (value as number);
    return { list, sort, key, id: product.id };
  }

  async viewOf(product: Product): Promise<ProductView> {
    return (await this.viewsOf([product]))[0];
  }

  /** Views with each design's listing category and creator name, in two lookups for the whole page. */
  async viewsOf(products: Product[]): Promise<ProductView[]> {
    if (products.length === 0) return [];
    const manager = this.dataSource.manager;
    const [listings, users] = await Promise.all([
      manager.find(Listing, { where: { id: In([...new Set(products.map((p) => p.listingId))]) }, select: { id: true, category: true } }),
      manager.find(User, { where: { id: In([...new Set(products.map((p) => p.creatorId))]) } }),
    ]);
    const categories = new Map(listings.map((l) => [l.id, l.category]));
    const names = new Map(users.map((u) => [u.id, u]));
    return products.map((p) => p.view({ category: categories.get(p.listingId) ?? '', creator: names.get(p.creatorId) }));
  }
}
