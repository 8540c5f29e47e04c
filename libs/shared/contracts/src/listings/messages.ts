import { ListingOptionGroupV1, ListingStateV1, ListingStatus, RoyaltyPolicyV1 } from './events';
import { Money } from '../money';

/** The fields a merchant writes; everything else on a listing is the service's. */
export interface ListingFields {
  title: string;
  description: string;
  category: string;
  basePrice: Money;
  optionGroups: ListingOptionGroupV1[];
  royaltyPolicy: RoyaltyPolicyV1;
}

/** `POST /internal/v1/listings`: the new listing's fields. */
export interface CreateListingRequest extends ListingFields {
  /** Create it active at once instead of as a draft. */
  publish?: boolean;
}

/**
 * `PATCH /internal/v1/listings/:id`: only the fields present change; a present `optionGroups`
 * replaces the groups whole.
 */
export type UpdateListingRequest = Partial<ListingFields>;

/** The query string of a change: edit, publish, pause, resume, retire. */
export interface ListingVersionCondition {
  /** When given, the change applies only if the listing is still at this version (else conflict). */
  expectedVersion?: number;
}

/** `GET /internal/v1/listings`: active listings, newest first. */
export interface BrowseListingsRequest {
  category?: string;
  limit?: number;
  /** Opaque: the `nextCursor` of the previous page. */
  cursor?: string;
}

/** `GET /internal/v1/merchants/me/listings`: the caller's own listings. */
export interface MyListingsRequest {
  status?: ListingStatus;
  limit?: number;
  cursor?: string;
}

/** A listing as the API shows it. */
export interface ListingView extends ListingStateV1 {
  createdAt: string;
  publishedAt: string | null;
}

export interface ListingPage {
  items: ListingView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Limits that the gateway and listings both enforce, so that they agree on what is valid. */
export const ListingLimits = {
  titleMaxLength: 120,
  descriptionMaxLength: 4000,
  categoryMaxLength: 60,
  codeMaxLength: 40,
  nameMaxLength: 80,
  optionGroupsMax: 20,
  optionsPerGroupMax: 100,
  /** Keeps any sum of a listing's amounts (base, deltas, royalty) far inside safe integers. */
  amountMax: 100_000_000_000,
  pageSizeDefault: 20,
  pageSizeMax: 100,
} as const;

/** Option group and option codes: lower-case letters and digits, words joined by `-` or `_`. */
export const LISTING_CODE_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
