import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Causation, DesignFields, envelope, Selections, VoteReply } from '@mogul/contracts';
import { Actor, Clock } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ProductsConfig } from '../config';
import { DesignRejectedError, ListingNotAvailableError, NotTheCreatorError, OwnDesignVoteError, ProductNotFoundError } from '../errors';
import { Listing } from '../listings/listing.entity';
import { viewerOf } from './actor';
import { DesignChoice, PriceBreakdown, priceDesign } from './pricing';
import { Product } from './product.entity';
import { ProductFlagService } from './product-flag.service';
import { ProductRepository } from './product.repository';
import { ProductEventKind, productEvent, productFlagsResolvedEvent } from './product.events';
import { assertEditable, assertPublished } from './product-status';
import { shareSlug } from './slug';

/** Draws of a share slug before giving up; with ~900,000 suffixes per name, the second rarely runs. */
const SLUG_ATTEMPTS = 5;

/**
 * Creators' designs: making, editing, publishing, withdrawing, moderating, remixing and voting,
 * and following the listings they are made on. Every change that orders or payouts care about is
 * recorded as an event in the same transaction as the change.
 */
@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ProductsConfig,
    private readonly clock: Clock,
    private readonly flags: ProductFlagService,
  ) {}

  /** A new draft on an active listing, checked and priced against it. */
  async create(actor: Actor, listingId: string, design: DesignFields): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const listing = await this.activeListing(products, listingId);
      const price = this.price(listing, design);
      const product = Product.draft({ id: randomUUID(), listing, creatorId: actor.userId, ...design, price, at: this.clock.now() });
      return products.save(product);
    });
  }

  /** The creator edits their draft; another creator's draft does not exist for them. */
  async revise(actor: Actor, productId: string, changes: Partial<DesignFields>): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await this.ownProduct(products, actor, productId, 'edit');
      assertEditable(product.status);
      const listing = await products.listingOf(product);
      const selections = changes.selections ?? product.selections;
      const royaltyPerUnit = changes.royaltyPerUnit ?? product.royaltyPerUnit;
      const price = this.price(listing, { selections, royaltyPerUnit });
      product.revise(changes, { selections, price }, this.clock.now());
      return products.save(product);
    });
  }

  /**
   * Puts a draft (or a withdrawn design) in front of the public. The listing must be active and
   * the design must still fit it, since the listing may have changed since the draft was saved.
   * The share slug is drawn at the first publication and kept from then on.
   */
  async publish(actor: Actor, productId: string, cause: Causation): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await this.ownProduct(products, actor, productId, 'publish');
      const listing = await products.listingOf(product);
      if (!listing.isActive()) throw new ListingNotAvailableError(listing.id, listing.status);
      const price = this.price(listing, { selections: product.selections, royaltyPerUnit: product.royaltyPerUnit });
      const slug = product.slug ?? (await this.claimSlug(products, product));
      product.publish(price, slug, this.clock.now());
      return this.saveWithEvents(manager, products, product, ['published'], cause);
    });
  }

  async withdraw(actor: Actor, productId: string, cause: Causation): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await this.ownProduct(products, actor, productId, 'withdraw');
      product.withdraw(this.clock.now());
      return this.saveWithEvents(manager, products, product, ['withdrawn'], cause);
    });
  }

  /**
   * Moderation: an operator (the only role its route admits) takes a published design out of
   * browse, saying why. Its open flags are upheld and closed; `flags-resolved` says so.
   */
  async reject(productId: string, reason: string, cause: Causation): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await products.findLocked(productId);
      if (!product) throw new ProductNotFoundError(productId);
      const now = this.clock.now();
      product.reject(reason, now);
      const closed = await this.flags.closeOpenFlags(manager, product.id, 'upheld', now);
      const saved = await this.saveWithEvents(manager, products, product, ['rejected'], cause);
      if (closed > 0) await appendToOutbox(manager, [envelope(productFlagsResolvedEvent(saved, 'upheld', closed), cause, now)]);
      return saved;
    });
  }

  /**
   * A creator forks a published design into a draft of their own. The draft starts as a copy of
   * the parent (with `changes` applied), is checked against the listing as it is now, and records
   * its lineage and the platform's current parent share.
   */
  async remix(actor: Actor, productId: string, changes: Partial<DesignFields>): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const parent = await products.findById(productId);
      if (!parent?.isVisibleTo(viewerOf(actor))) throw new ProductNotFoundError(productId);
      assertPublished(parent.status, 'remix');
      const listing = await this.activeListing(products, parent.listingId);
      const design: DesignFields = {
        name: changes.name ?? parent.name,
        description: changes.description ?? parent.description,
        selections: changes.selections ?? copyOf(parent.selections),
        royaltyPerUnit: changes.royaltyPerUnit ?? parent.royaltyPerUnit,
      };
      const price = this.price(listing, design);
      const remix = Product.draft(
        { id: randomUUID(), listing, creatorId: actor.userId, ...design, price, at: this.clock.now() },
        { parent, parentShareBps: this.config.PARENT_ROYALTY_SHARE_BPS },
      );
      return products.save(remix);
    });
  }

  /**
   * One vote per user per design, kept by the primary key of `product_votes`: a second vote
   * changes nothing and returns the same count. Creators cannot vote for their own designs.
   */
  async vote(actor: Actor, productId: string, cause: Causation): Promise<VoteReply> {
    return this.dataSource.transaction(async (manager) => {
      const products = new ProductRepository(manager);
      const product = await products.findLocked(productId);
      if (!product?.isVisibleTo(viewerOf(actor))) throw new ProductNotFoundError(productId);
      if (product.isCreatedBy(actor.userId)) throw new OwnDesignVoteError();
      assertPublished(product.status, 'vote for');
      const now = this.clock.now();
      if (await products.addVote(product.id, actor.userId, now)) {
        product.countVote(now);
        await this.saveWithEvents(manager, products, product, ['voted'], cause);
      }
      return { productId: product.id, votes: product.votes, voted: true };
    });
  }

  /**
   * After products' projection of a listing changed: each design on it follows the new terms
   * (see `Product.followListing`), and each published design whose orderable state or price
   * changed is announced as `products.product.updated`, in the caller's transaction.
   */
  async followListing(manager: EntityManager, listing: Listing, cause: Causation): Promise<void> {
    const products = new ProductRepository(manager);
    const now = this.clock.now();
    const changed: Product[] = [];
    for (const product of await products.findLockedOnListing(listing.id)) {
      const pricing = priceDesign(listing.terms(), { selections: product.selections, royaltyPerUnit: product.royaltyPerUnit });
      if (product.followListing(listing, pricing.ok ? pricing.price : undefined, now)) changed.push(product);
    }
    if (changed.length === 0) return;
    await products.saveAll(changed);
    const events = changed.filter((p) => p.status === 'published').map((p) => envelope(productEvent('updated', p), cause, now));
    await appendToOutbox(manager, events);
  }

  private price(listing: Listing, design: DesignChoice): PriceBreakdown {
    const result = priceDesign(listing.terms(), design);
    if (!result.ok) throw new DesignRejectedError(result.problems);
    return result.price;
  }

  private async activeListing(products: ProductRepository, listingId: string): Promise<Listing> {
    const listing = await products.findListing(listingId);
    if (!listing?.isActive()) throw new ListingNotAvailableError(listingId, listing?.status);
    return listing;
  }

  /**
   * The caller's own design, locked. Someone else's design they cannot see reads as not found; one
   * they can see (published) is forbidden to them.
   */
  private async ownProduct(products: ProductRepository, actor: Actor, productId: string, action: string): Promise<Product> {
    const product = await products.findLocked(productId);
    if (!product) throw new ProductNotFoundError(productId);
    if (product.isCreatedBy(actor.userId)) return product;
    if (product.status === 'published') throw new NotTheCreatorError(action);
    throw new ProductNotFoundError(productId);
  }

  /** Saves the design and records its events in the same transaction. */
  private async saveWithEvents(
    manager: EntityManager,
    products: ProductRepository,
    product: Product,
    kinds: ProductEventKind[],
    cause: Causation,
  ): Promise<Product> {
    const saved = await products.save(product);
    const now = this.clock.now();
    await appendToOutbox(
      manager,
      kinds.map((kind) => envelope(productEvent(kind, saved), cause, now)),
    );
    return saved;
  }

  /**
   * Draws share slugs until one is free, each claimed in a savepoint so that a slug another
   * publication took a moment earlier (the unique index says so) costs only a new draw.
   */
  private async claimSlug(products: ProductRepository, product: Product): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const slug = shareSlug(product.name);
      if (await products.claimSlug(product.id, slug)) return slug;
      if (attempt >= SLUG_ATTEMPTS) throw new Error(`no free share slug for "${product.name}" after ${SLUG_ATTEMPTS} draws`);
    }
  }
}

function copyOf(selections: Selections): Selections {
  return Object.fromEntries(Object.entries(selections).map(([group, options]) => [group, [...options]]));
}
