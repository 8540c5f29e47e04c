import { Money } from '../money';

export const LISTINGS_LISTING_TOPIC = 'listings.listing';

/**
 * Every listing event carries the listing's full public state after the change, so a consumer
 * keeps its projection by upserting the payload when `payload.version` is newer than the one it
 * holds; the event type says what happened, the payload says where the listing now stands.
 */
export const ListingEvents = {
  /** draft → active: the listing appears in browse and designs may be made on it. */
  published: { type: 'listings.listing.published', version: 1 },
  /** Any edit of an active or paused listing (the status is unchanged). */
  updated: { type: 'listings.listing.updated', version: 1 },
  /** active → paused: designs on it cannot be ordered until it resumes. */
  paused: { type: 'listings.listing.paused', version: 1 },
  /** paused → active. */
  resumed: { type: 'listings.listing.resumed', version: 1 },
  /** active or paused → retired, for good: designs on it can never be ordered again. */
  retired: { type: 'listings.listing.retired', version: 1 },
} as const;

export type ListingEventType = (typeof ListingEvents)[keyof typeof ListingEvents]['type'];

export const LISTING_STATUSES = ['draft', 'active', 'paused', 'retired'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export interface ListingOptionV1 {
  code: string;
  name: string;
  /** Added to the unit price when selected; same currency as the base price, never negative. */
  priceDelta: Money;
}

export interface ListingOptionGroupV1 {
  code: string;
  name: string;
  /** A design selects between `minSelections` and `maxSelections` distinct options of the group. */
  minSelections: number;
  maxSelections: number;
  options: ListingOptionV1[];
}

/** The per-unit royalty a creator may choose for a design on the listing, bounds included. */
export interface RoyaltyPolicyV1 {
  min: Money;
  max: Money;
}

/** The payload of every `listings.listing.*` v1 event: the listing's full public state. */
export interface ListingStateV1 {
  id: string;
  merchantId: string;
  title: string;
  description: string;
  category: string;
  basePrice: Money;
  optionGroups: ListingOptionGroupV1[];
  royaltyPolicy: RoyaltyPolicyV1;
  status: ListingStatus;
  /** Grows by one with every change of the listing; a consumer ignores a payload older than its own. */
  version: number;
  updatedAt: string;
}
