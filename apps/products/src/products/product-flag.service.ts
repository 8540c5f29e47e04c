import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Causation, envelope, FlagProductRequest, FlagResolution, FlagView } from '@mogul/contracts';
import { Actor, Clock } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ProductsConfig } from '../config';
import { OwnDesignFlagError, ProductNotFoundError } from '../errors';
import { viewerOf } from './actor';
import { flagText } from './flag-rules';
import { ProductFlag } from './product-flag.entity';
import { Product } from './product.entity';
import { ProductRepository } from './product.repository';
import { productFlaggedEvent, productFlagsResolvedEvent } from './product.events';

/**
 * Reports of designs and operators' decisions on them. A design reaching the configured number of
 * open flags is hidden from the public and cannot be ordered until an operator dismisses the flags
 * (it shows again) or rejects it (`ProductService.reject`, which upholds them).
 */
@Injectable()
export class ProductFlagService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ProductsConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One flag per user per design: reporting again answers the first flag unchanged, whatever its
   * status now. Creators cannot flag their own designs; only published ones are flagged.
   */
  async flag(actor: Actor, productId: string, request: FlagProductRequest, cause: Causation): Promise<FlagView> {
    const text = flagText(request.reason, request.text);
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      // The lock on the design orders concurrent flags of it: the count and the threshold stay exact.
      const product = await products.findLocked(productId);
      if (!product) throw new ProductNotFoundError(productId);
      const earlier = await manager.findOne(ProductFlag, { where: { productId, flaggerId: actor.userId } });
      if (earlier) return earlier.view();
      if (!product.isVisibleTo(viewerOf(actor))) throw new ProductNotFoundError(productId);
      if (product.isCreatedBy(actor.userId)) throw new OwnDesignFlagError();
      const now = this.clock.now();
      product.flag(this.config.FLAG_HIDE_THRESHOLD, now);
      const flag = ProductFlag.open({ productId, flaggerId: actor.userId, reason: request.reason, text, at: now });
      await manager.insert(ProductFlag, flag);
      await products.save(product);
      await appendToOutbox(manager, [envelope(productFlaggedEvent(product, request.reason), cause, now)]);
      return flag.view();
    });
  }

  /** An operator found the flags unfounded: they are closed and the design shows again. */
  async dismiss(productId: string, cause: Causation): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await products.findLocked(productId);
      if (!product) throw new ProductNotFoundError(productId);
      const listing = await products.listingOf(product);
      const now = this.clock.now();
      product.dismissFlags(listing.isActive(), now);
      const closed = await this.closeOpenFlags(manager, product.id, 'dismissed', now);
      await products.save(product);
      await appendToOutbox(manager, [envelope(productFlagsResolvedEvent(product, 'dismissed', closed), cause, now)]);
      return product;
    });
  }

  /** Closes the design's open flags with the decision, in the caller's transaction; returns how many. */
  async closeOpenFlags(manager: EntityManager, productId: string, resolution: FlagResolution, at: Date): Promise<number> {
    const closed: unknown[] = await manager.query(
      `UPDATE product_flags SET status = $2, resolved_at = $3 WHERE product_id = $1 AND status = 'open' RETURNING flagger_id`,
      [productId, resolution, at],
    );
    return closed.length;
  }
}
