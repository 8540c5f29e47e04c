import { Role } from '../identity/events';
import { ListingOptionGroupV1, ListingStateV1, ListingStatus, RoyaltyPolicyV1 } from './events';
import { Money } from '../money';

/**
 * Request–reply patterns the gateway sends to listings. Each pattern is a Kafka topic and has a
 * `<pattern>.reply` topic for the answers.
 */
export const ListingsPatterns = {
  create: 'listings.cmd.create',
  update: 'listings.cmd.update',
  publish: 'listings.cmd.publish',
  pause: 'listings.cmd.pause',
  resume: 'listings.cmd.resume',
  retire: 'listings.cmd.retire',
  get: 'listings.qry.get',
  browse: 'listings.qry.browse',
  mine: 'listings.qry.mine',
} as const;

/** Who asks, as the gateway verified it from the access token. */
export interface ListingActor {
  userId: string;
  roles: Role[];
}

/** The fields a merchant writes; everything else on a listing is the service's. */
export interface ListingFields {
  title: string;
  description: string;
  category: string;
  basePrice: Money;
  optionGroups: ListingOptionGroupV1[];
  royaltyPolicy: RoyaltyPolicyV1;
}

export interface CreateListingRequest {
  actor: ListingActor;
  listing: ListingFields;
  /** Create it active at once instead of as a draft. */
  publish?: boolean;
}

export interface UpdateListingRequest {
  actor: ListingActor;
  listingId: string;
  /** Only the fields present change; a present `optionGroups` replaces the groups whole. */
  changes: Partial<ListingFields>;
  /** When given, the edit applies only if the listing is still at this version (else conflict). */
  expectedVersion?: number;
}

/** publish, pause, resume and retire. */
export interface ListingTransitionRequest {
  actor: ListingActor;
  listingId: string;
  expectedVersion?: number;
}

export interface GetListingRequest {
  /** Absent for anonymous callers: they see active and paused listings only. */
  actor?: ListingActor;
  listingId: string;
}

export interface BrowseListingsRequest {
  category?: string;
  limit?: number;
  /** Opaque: the `nextCursor` of the previous page. */
  cursor?: string;
}

export interface MyListingsRequest {
  actor: ListingActor;
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
