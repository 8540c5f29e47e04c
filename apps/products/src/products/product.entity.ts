import { Money, ProductStateV1, ProductStatus, ProductView, Selections } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Listing } from '../listings/listing.entity';
import { User } from '../users/user.entity';
import { PriceBreakdown } from './pricing';
import { NoOpenFlagsError } from '../errors';
import { assertPublished, ProductLifecycle } from './product-status';

export interface NewDesign {
  id: string;
  listing: Listing;
  creatorId: string;
  name: string;
  description: string;
  selections: Selections;
  price: PriceBreakdown;
  at: Date;
}

export interface RemixTerms {
  parent: Product;
  parentShareBps: number;
}

/**
 * A co-created design: a creator's choices on a merchant's listing, priced by the service. Its
 * methods guard their own transitions (see `product-status.ts`) and bump `version`, which every
 * event carries so that consumers keep the newest state.
 */
@Entity('products')
export class Product {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  listingId: string;

  @Column('uuid')
  merchantId: string;

  @Column('uuid')
  creatorId: string;

  @Column('text')
  name: string;

  @Column('text')
  description: string;

  @Column('jsonb')
  selections: Selections;

  @Column('bigint', { transformer: minorUnits })
  royaltyAmount: number;

  /** base + option deltas + royalty, as of the listing terms products last heard. */
  @Column('bigint', { transformer: minorUnits })
  unitPriceAmount: number;

  /** The listing's currency: the unit price and the royalty are both in it. */
  @Column('text')
  currency: string;

  @Column('text')
  status: ProductStatus;

  /** Unique (`uq_products_slug`); assigned at first publication, then never changed. */
  @Column('text', { nullable: true })
  slug: string | null;

  @Column('boolean')
  orderable: boolean;

  /** False once the listing changed so that the selections or royalty no longer satisfy it. */
  @Column('boolean')
  fitsListing: boolean;

  /** Flags (reports) awaiting an operator's decision. */
  @Column('integer')
  openFlags: number;

  /**
   * Set when open flags reach the threshold; cleared when an operator decides. While set, the
   * public cannot see the design and nobody can order it.
   */
  @Column('boolean')
  hidden: boolean;

  @Column('integer')
  votes: number;

  @Column('integer')
  ordersCount: number;

  @Column('bigint', { transformer: minorUnits })
  unitsOrdered: number;

  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Column('uuid', { nullable: true })
  parentProductId: string | null;

  @Column('uuid', { nullable: true })
  parentCreatorId: string | null;

  @Column('uuid', { nullable: true })
  rootProductId: string | null;

  /** 0 for an original design, parent's depth + 1 for a remix. */
  @Column('integer')
  remixDepth: number;

  @Column('integer', { nullable: true })
  parentShareBps: number | null;

  @Column('integer')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** A new draft. Drafts are never orderable and publish no events. */
  static draft(design: NewDesign, remix?: RemixTerms): Product {
    const product = new Product();
    product.id = design.id;
    product.listingId = design.listing.id;
    product.merchantId = design.listing.merchantId;
    product.creatorId = design.creatorId;
    product.name = design.name;
    product.description = design.description;
    product.status = 'draft';
    product.slug = null;
    product.orderable = false;
    product.votes = 0;
    product.openFlags = 0;
    product.hidden = false;
    product.ordersCount = 0;
    product.unitsOrdered = 0;
    product.rejectionReason = null;
    product.parentProductId = remix?.parent.id ?? null;
    product.parentCreatorId = remix?.parent.creatorId ?? null;
    product.rootProductId = remix ? (remix.parent.rootProductId ?? remix.parent.id) : null;
    product.remixDepth = remix ? remix.parent.remixDepth + 1 : 0;
    product.parentShareBps = remix ? remix.parentShareBps : null;
    product.version = 0;
    product.createdAt = design.at;
    product.publishedAt = null;
    product.applyDesign(design.selections, design.price, design.at);
    return product;
  }

  get royaltyPerUnit(): Money {
    return { amount: this.royaltyAmount, currency: this.currency };
  }

  get unitPrice(): Money {
    return { amount: this.unitPriceAmount, currency: this.currency };
  }

  isCreatedBy(userId: string): boolean {
    return this.creatorId === userId;
  }

  /** Published designs are public unless hidden by flags; everything else only its creator (and operators) may see. */
  isVisibleTo(viewer: { userId: string; isOperator: boolean } | undefined): boolean {
    return this.isPublic() || (viewer !== undefined && (viewer.isOperator || this.isCreatedBy(viewer.userId)));
  }

  isPublic(): boolean {
    return this.status === 'published' && !this.hidden;
  }

  /** A draft's new name and description; selections and royalty come with their new price. */
  revise(changes: { name?: string; description?: string }, design: { selections: Selections; price: PriceBreakdown }, at: Date): void {
    if (changes.name !== undefined) this.name = changes.name;
    if (changes.description !== undefined) this.description = changes.description;
    this.applyDesign(design.selections, design.price, at);
  }

  /**
   * Goes public at `price` (re-checked against the listing by the caller), orderable at once
   * unless flags still hide it (a design withdrawn while flagged comes back hidden).
   */
  publish(price: PriceBreakdown, slug: string, at: Date): void {
    this.status = ProductLifecycle.next(this.status, 'publish');
    this.applyDesign(this.selections, price, at);
    this.slug ??= slug;
    this.publishedAt ??= at;
    this.orderable = !this.hidden;
  }

  withdraw(at: Date): void {
    this.status = ProductLifecycle.next(this.status, 'withdraw');
    this.orderable = false;
    this.touch(at);
  }

  /** Moderation's final word; it settles the design's open flags (the caller closes them as upheld). */
  reject(reason: string, at: Date): void {
    this.status = ProductLifecycle.next(this.status, 'reject');
    this.rejectionReason = reason;
    this.orderable = false;
    this.openFlags = 0;
    this.hidden = false;
    this.touch(at);
  }

  /**
   * Someone reported the design. Only published designs are reported; at `hideThreshold` open
   * flags it is hidden and stops being orderable until an operator decides.
   */
  flag(hideThreshold: number, at: Date): void {
    assertPublished(this.status, 'flag');
    this.openFlags += 1;
    if (this.openFlags >= hideThreshold) {
      this.hidden = true;
      this.orderable = false;
    }
    this.touch(at);
  }

  /**
   * An operator found nothing wrong: the open flags are closed (by the caller) and the design
   * shows again, orderable if it is published on an active listing it still fits.
   */
  dismissFlags(listingActive: boolean, at: Date): void {
    if (this.openFlags === 0) throw new NoOpenFlagsError(this.id);
    this.openFlags = 0;
    this.hidden = false;
    this.orderable = this.status === 'published' && listingActive && this.fitsListing;
    this.touch(at);
  }

  countVote(at: Date): void {
    this.votes += 1;
    this.touch(at);
  }

  /**
   * Follows a change of the listing: the design is orderable only while published (and not hidden
   * by flags) on an active listing whose terms its selections and royalty still satisfy, and its unit price follows the
   * listing's prices (placed orders keep their own snapshots). `price` is undefined when the
   * design no longer fits the listing; the last price is then kept for display. Answers whether
   * anything an order would snapshot, or tell a shopper, changed.
   */
  followListing(listing: Listing, price: PriceBreakdown | undefined, at: Date): boolean {
    const fitsListing = price !== undefined;
    const orderable = this.status === 'published' && listing.isActive() && fitsListing && !this.hidden;
    const unitPrice = price?.unit ?? this.unitPrice;
    const changed =
      orderable !== this.orderable ||
      fitsListing !== this.fitsListing ||
      unitPrice.amount !== this.unitPriceAmount ||
      unitPrice.currency !== this.currency ||
      listing.merchantId !== this.merchantId;
    if (!changed) return false;
    this.orderable = orderable;
    this.fitsListing = fitsListing;
    this.unitPriceAmount = unitPrice.amount;
    this.currency = unitPrice.currency;
    this.merchantId = listing.merchantId;
    this.touch(at);
    return true;
  }

  /** What orders and payouts need to price and snapshot a line: every event's payload. */
  state(): ProductStateV1 {
    return {
      productId: this.id,
      listingId: this.listingId,
      merchantId: this.merchantId,
      creatorId: this.creatorId,
      name: this.name,
      slug: this.slug,
      status: this.status,
      selections: this.selections,
      unitPrice: this.unitPrice,
      royaltyPerUnit: this.royaltyPerUnit,
      parentProductId: this.parentProductId,
      parentCreatorId: this.parentCreatorId,
      parentShareBps: this.parentShareBps,
      orderable: this.orderable,
      fitsListing: this.fitsListing,
      hidden: this.hidden,
      openFlags: this.openFlags,
      votes: this.votes,
      rejectionReason: this.rejectionReason,
      version: this.version,
      updatedAt: this.updatedAt.toISOString(),
    };
  }

  view(context: { category: string; creator: User | undefined }): ProductView {
    return {
      id: this.id,
      listingId: this.listingId,
      merchantId: this.merchantId,
      category: context.category,
      creatorId: this.creatorId,
      creatorName: context.creator?.displayName ?? null,
      name: this.name,
      description: this.description,
      selections: this.selections,
      royaltyPerUnit: this.royaltyPerUnit,
      unitPrice: this.unitPrice,
      status: this.status,
      slug: this.slug,
      orderable: this.orderable,
      hidden: this.hidden,
      votes: this.votes,
      ordersCount: this.ordersCount,
      unitsOrdered: this.unitsOrdered,
      remixOf:
        this.parentProductId && this.parentCreatorId && this.rootProductId && this.parentShareBps !== null
          ? {
              parentProductId: this.parentProductId,
              parentCreatorId: this.parentCreatorId,
              rootProductId: this.rootProductId,
              depth: this.remixDepth,
              parentShareBps: this.parentShareBps,
            }
          : null,
      rejectionReason: this.rejectionReason,
      version: this.version,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
      publishedAt: this.publishedAt?.toISOString() ?? null,
    };
  }

  private applyDesign(selections: Selections, price: PriceBreakdown, at: Date): void {
    this.selections = selections;
    this.fitsListing = true;
    this.royaltyAmount = price.royalty.amount;
    this.unitPriceAmount = price.unit.amount;
    this.currency = price.unit.currency;
    this.touch(at);
  }

  private touch(at: Date): void {
    this.version += 1;
    this.updatedAt = at;
  }
}
