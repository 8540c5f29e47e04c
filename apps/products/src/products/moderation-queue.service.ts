import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ModerationQueuePage, ModerationQueueRequest, ProductLimits } from '@mogul/contracts';
import { CursorPatterns, decodeCursor, encodeCursor } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { summarizeFlags } from './flag-rules';
import { ProductCatalogue } from './product-catalogue.service';
import { Product } from './product.entity';

/**
 * What operators decide on: designs with open flags, most flagged first (ties by id), each with
 * its flags counted per reason and their texts. Keyset-paginated on (open flags, id).
 */
@Injectable()
export class ModerationQueue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: ProductCatalogue,
  ) {}

  async page(request: ModerationQueueRequest): Promise<ModerationQueuePage> {
    const limit = request.limit ?? ProductLimits.pageSizeDefault;
    const query = this.dataSource.manager.createQueryBuilder(Product, 'p').where('p.openFlags > 0');
    if (request.cursor) {
      const after = decodeCursor(request.cursor, { l: /^moderation$/, k: CursorPatterns.count, i: CursorPatterns.uuid });
      query.andWhere('(p.openFlags, p.id) < (CAST(:afterKey AS bigint), CAST(:afterId AS uuid))', { afterKey: after.k, afterId: after.i });
    }
    // One row more than the page tells whether another page follows.
    const rows = await query
      .orderBy('p.openFlags', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const designs = rows.slice(0, limit);
    const last = designs[designs.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ l: 'moderation', k: String(last.openFlags), i: last.id }) : null;
    const views = await this.catalogue.viewsOf(designs, { withFlags: true });
    return {
      items: views.map(({ flags, ...product }) => ({ product, flags: flags ?? summarizeFlags({}, [], product.hidden) })),
      nextCursor,
    };
  }
}
