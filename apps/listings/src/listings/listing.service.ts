import { Injectable } from '@nestjs/common';
import {
  BrowseListingsRequest,
  Causation,
  CreateListingRequest,
  envelope,
  ListingLimits,
  ListingPage,
  MyListingsRequest,
  UpdateListingRequest,
} from '@mogul/contracts';
import { Actor, Clock } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ListingNotFoundError, ListingVersionConflictError, NoChangesError } from '../errors';
import { UserDirectory } from '../users/user-directory';
import { decodeCursor, encodeCursor, ListingCursor } from './listing-cursor';
import { Listing } from './listing.entity';
import { eventOfTransition, listingEvent, ListingEventName } from './listing.events';
import { ListingRepository, ListingSlice } from './listing.repository';
import { ListingTransition } from './listing-status';

/** The listing a change is for, and the version the caller read it at, when they say. */
export interface ListingTarget {
  listingId: string;
  expectedVersion?: number;
}

/** What a change did: whether anything changed, and the event it publishes if any. */
interface ChangeOutcome {
  changed: boolean;
  event?: ListingEventName;
}

/**
 * Merchants' listings. Every change is checked against the listing's rules and state machine,
 * stored only if nobody changed the listing since it was read, and, when the listing is public,
 * recorded as an event carrying its full state in the same transaction.
 */
@Injectable()
export class ListingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  /** A new draft, or an active listing with `publish`. Only merchants create listings. */
  create(actor: Actor, request: CreateListingRequest, cause: Causation): Promise<Listing> {
    const { publish, ...fields } = request;
    return this.dataSource.transaction(async (manager) => {
      await this.users.assertMerchant(manager, actor);
      const now = this.clock.now();
      const listing = Listing.create({ id: randomUUID(), merchantId: actor.userId, fields, at: now });
      if (publish) listing.transition('publish', now);
      await new ListingRepository(manager).add(listing);
      if (listing.isPublic()) await appendToOutbox(manager, [envelope(listingEvent('published', listing), cause, now)]);
      return listing;
    });
  }

  /** Edits fields of the merchant's own listing; an edit that changes nothing records nothing. */
  async edit(actor: Actor, target: ListingTarget, changes: UpdateListingRequest, cause: Causation): Promise<Listing> {
    if (Object.values(changes).every((value) => value === undefined)) throw new NoChangesError();
    return this.change(actor, target, cause, (listing, now) => {
      const changed = listing.edit(changes, now);
      return { changed, event: changed && listing.isPublic() ? 'updated' : undefined };
    });
  }

  /** publish, pause, resume or retire the merchant's own listing. */
  transition(transition: ListingTransition, actor: Actor, target: ListingTarget, cause: Causation): Promise<Listing> {
    return this.change(actor, target, cause, (listing, now) => {
      const wasPublic = listing.isPublic();
      listing.transition(transition, now);
      return { changed: true, event: eventOfTransition(transition, wasPublic) };
    });
  }

  /** Anyone sees active and paused listings; drafts and retired ones only their merchant. */
  async get(listingId: string, viewer: Actor | null): Promise<Listing> {
    const listing = await new ListingRepository(this.dataSource.manager).findById(listingId);
    if (!listing?.isVisibleTo(viewer?.userId)) throw new ListingNotFoundError(listingId);
    return listing;
  }

  /** Active listings, newest first, optionally of one category (any letter case). */
  async browse(request: BrowseListingsRequest): Promise<ListingPage> {
    const limit = request.limit ?? ListingLimits.pageSizeDefault;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, 'browse');
    const slice = await new ListingRepository(this.dataSource.manager).active({ category: request.category, after, limit });
    return page(slice, (last) => ({ list: 'browse', at: last.publishedAt ?? last.createdAt, id: last.id }));
  }

  /** The merchant's own listings of every status (or one), newest first. */
  async mine(actor: Actor, request: MyListingsRequest): Promise<ListingPage> {
    const limit = request.limit ?? ListingLimits.pageSizeDefault;
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, 'mine');
    const slice = await new ListingRepository(this.dataSource.manager).ownedBy(actor.userId, {
      status: request.status,
      after,
      limit,
    });
    return page(slice, (last) => ({ list: 'mine', at: last.createdAt, id: last.id }));
  }

  /**
   * Reads the caller's own listing (anyone else's is not found), checks the version the caller
   * expects, applies `work` and stores the result conditionally on the version it read.
   */
  private change(
    actor: Actor,
    target: ListingTarget,
    cause: Causation,
    work: (listing: Listing, now: Date) => ChangeOutcome,
  ): Promise<Listing> {
    return this.dataSource.transaction(async (manager) => {
      const listings = new ListingRepository(manager);
      const listing = await listings.findById(target.listingId);
      if (!listing?.isOwnedBy(actor.userId)) throw new ListingNotFoundError(target.listingId);
      if (target.expectedVersion !== undefined && target.expectedVersion !== listing.version) {
        throw new ListingVersionConflictError(listing.id, target.expectedVersion, listing.version);
      }
      const readVersion = listing.version;
      const now = this.clock.now();
      const outcome = work(listing, now);
      if (!outcome.changed) return listing;
      await listings.saveChange(listing, readVersion);
      if (outcome.event) await appendToOutbox(manager, [envelope(listingEvent(outcome.event, listing), cause, now)]);
      return listing;
    });
  }
}

function page(slice: ListingSlice, cursorOf: (last: Listing) => ListingCursor): ListingPage {
  const last = slice.listings.at(-1);
  return {
    items: slice.listings.map((listing) => listing.view()),
    nextCursor: slice.more && last ? encodeCursor(cursorOf(last)) : null,
  };
}
