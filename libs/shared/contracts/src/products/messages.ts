import { ListingLimits } from '../listings/messages';
import { Money } from '../money';
import { ProductStatus, Selections } from './events';
import type { FlagSummary } from './flags';

/** What a creator writes; the unit price is always the service's. */
export interface DesignFields {
  name: string;
  description: string;
  selections: Selections;
  royaltyPerUnit: Money;
}

/** A new draft: the design and the listing it is made on. */
export interface CreateProductRequest extends DesignFields {
  listingId: string;
}

/**
 * Changes to a draft, or to the copy a remix starts from: only the fields present change; a
 * present `selections` replaces the selections whole.
 */
export type DesignChanges = Partial<DesignFields>;

/** Moderation: why an operator takes a published design down (shown to its creator). */
export interface RejectProductRequest {
  reason: string;
}

export interface VoteReply {
  productId: string;
  /** The design's vote count after this vote (unchanged when the caller had already voted). */
  votes: number;
  /** Always true: the caller's vote is counted, once. */
  voted: true;
}

export const PRODUCT_SORTS = ['newest', 'votes', 'orders'] as const;
/** newest: latest published first; votes: most voted; orders: most units ordered. Ties by id. */
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** Browse published designs. Every filter given must match. */
export interface BrowseProductsRequest {
  sort?: ProductSort;
  listingId?: string;
  category?: string;
  creatorId?: string;
  /** Full-text search on name and description (web-search syntax: words, "phrases", -excluded). */
  q?: string;
  limit?: number;
  /** Opaque: the `nextCursor` of the previous page, for the same sort. */
  cursor?: string;
}

/** The caller's own designs in any state; `newest` sorts by creation. */
export interface MyProductsRequest {
  status?: ProductStatus;
  sort?: ProductSort;
  limit?: number;
  cursor?: string;
}

/** Where a remix comes from. */
export interface RemixLineage {
  parentProductId: string;
  parentCreatorId: string;
  /** The first design of the line (the parent's root, or the parent when it is no remix). */
  rootProductId: string;
  /** 1 for a remix of an original, 2 for a remix of a remix, … */
  depth: number;
  /** The parent creator's share of this design's royalty in basis points, fixed at remix time. */
  parentShareBps: number;
}

/** A design as the API shows it. */
export interface ProductView {
  id: string;
  listingId: string;
  merchantId: string;
  /** The listing's category, as products last heard of it. */
  category: string;
  creatorId: string;
  /** Null until products has heard of the creator's account. */
  creatorName: string | null;
  name: string;
  description: string;
  selections: Selections;
  royaltyPerUnit: Money;
  unitPrice: Money;
  status: ProductStatus;
  slug: string | null;
  orderable: boolean;
  /** Hidden from the public while reports of it await an operator's decision (only its creator and operators see it then). */
  hidden: boolean;
  /** Its open flags: present only for its creator and operators, never who made them. */
  flags?: FlagSummary;
  votes: number;
  /** Paid orders with at least one line of this design. */
  ordersCount: number;
  /** Units of this design in paid orders (what the `orders` sort ranks by). */
  unitsOrdered: number;
  remixOf: RemixLineage | null;
  rejectionReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ProductPage {
  items: ProductView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Limits that the gateway and products both enforce, so that they agree on what is valid. Codes
 * in selections follow the listing's rules (`LISTING_CODE_PATTERN`, `ListingLimits`).
 */
export const ProductLimits = {
  nameMaxLength: 80,
  descriptionMaxLength: 2000,
  rejectionReasonMaxLength: 500,
  codeMaxLength: ListingLimits.codeMaxLength,
  optionGroupsMax: ListingLimits.optionGroupsMax,
  selectionsPerGroupMax: ListingLimits.optionsPerGroupMax,
  /** A royalty per unit at most, in minor units: no listing's royalty policy can allow more. */
  royaltyAmountMax: ListingLimits.amountMax,
  searchMaxLength: 200,
  slugMaxLength: 64,
  cursorMaxLength: 512,
  categoryMaxLength: ListingLimits.categoryMaxLength,
  pageSizeDefault: 20,
  pageSizeMax: 100,
} as const;
