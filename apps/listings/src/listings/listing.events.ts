import { ListingEvents, ListingStateV1, NewEvent } from '@mogul/contracts';
import { Listing } from './listing.entity';
import { ListingTransition } from './listing-status';

export type ListingEventName = keyof typeof ListingEvents;

/** Every listing event carries the full public state after the change. */
export function listingEvent(name: ListingEventName, listing: Listing): NewEvent<ListingStateV1> {
  return { ...ListingEvents[name], aggregateId: listing.id, payload: listing.state() };
}

/**
 * The event a transition publishes, if any. Drafts were never public, so retiring one tells no
 * other service anything: they never heard of it.
 */
export function eventOfTransition(transition: ListingTransition, wasPublic: boolean): ListingEventName | undefined {
  switch (transition) {
    case 'publish':
      return 'published';
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'retire':
      return wasPublic ? 'retired' : undefined;
  }
}
