import { Money } from '../money';

export const PRODUCTS_PRODUCT_TOPIC = 'products.product';

/**
 * Events of a published design's life. Each carries the design's full orderable state after the
 * change (`ProductStateV1`), so a consumer (orders pricing a line, payouts crediting a creator)
 * keeps its projection by upserting the payload when `payload.version` is newer than its own.
 * Drafts publish nothing: nobody but their creator can see or order them.
 */
export const ProductEvents = {
  /** draft (or withdrawn) → published: the design appears in browse and can be ordered. */
  published: { type: 'products.product.published', version: 1 },
  /**
   * Its price or orderability changed without the creator doing anything: the listing was
   * paused, resumed, retired or repriced.
   */
  updated: { type: 'products.product.updated', version: 1 },
  /** published → withdrawn by its creator. */
  withdrawn: { type: 'products.product.withdrawn', version: 1 },
  /** published → rejected by an operator (moderation). */
  rejected: { type: 'products.product.rejected', version: 1 },
  /** Someone voted for it; `votes` is the new count. */
  voted: { type: 'products.product.voted', version: 1 },
  /**
   * Someone reported it (`ProductFlaggedV1`); `hidden` turns true, and `orderable` false, once its
   * open flags reach the products service's threshold.
   */
  flagged: { type: 'products.product.flagged', version: 1 },
  /**
   * An operator decided on its open flags (`ProductFlagsResolvedV1`): dismissed (it shows again)
   * or upheld (it was rejected, published as `rejected` alongside).
   */
  flagsResolved: { type: 'products.product.flags-resolved', version: 1 },
} as const;

export type ProductEventType = (typeof ProductEvents)[keyof typeof ProductEvents]['type'];

export const PRODUCT_STATUSES = ['draft', 'published', 'withdrawn', 'rejected'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** The options chosen in each option group of the listing: `{ crust: ['thin'], toppings: ['ham', 'olives'] }`. */
export type Selections = Record<string, string[]>;

/** The payload of every `products.product.*` v1 event. */
export interface ProductStateV1 {
  productId: string;
  listingId: string;
  merchantId: string;
  creatorId: string;
  name: string;
  /** Assigned at first publication and never changed afterwards. */
  slug: string | null;
  status: ProductStatus;
  selections: Selections;
  /** Base price + option deltas + royalty, computed by products from the listing it holds. */
  unitPrice: Money;
  royaltyPerUnit: Money;
  /** Set on a remix: the design it was made from and that design's creator. */
  parentProductId: string | null;
  parentCreatorId: string | null;
  /** The parent creator's share of this design's royalty, in basis points; null unless a remix. */
  parentShareBps: number | null;
  /** False unless published on an active listing whose terms the selections still satisfy. */
  orderable: boolean;
  /**
   * False once the listing changed so that the selections or the royalty no longer satisfy its
   * terms (an option removed, a group's minimum or maximum changed, the royalty policy moved).
   * Absent from events written before it was added: read that as true.
   */
  fitsListing?: boolean;
  /**
   * True while reports of it (open flags at or above products' threshold) await an operator's
   * decision: it is then hidden from the public and not orderable. Absent from events written
   * before it was added: read that as false.
   */
  hidden?: boolean;
  /** Its open flags (reports awaiting a decision). Absent from older events: read that as 0. */
  openFlags?: number;
  votes: number;
  /** Why an operator rejected it; null otherwise. */
  rejectionReason: string | null;
  /** Grows with every change of this state; a consumer ignores a payload older than its own. */
  version: number;
  updatedAt: string;
}
