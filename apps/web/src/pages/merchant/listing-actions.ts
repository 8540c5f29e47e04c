import type { ListingStatus, ListingView } from '@mogul/contracts';
import { api } from '../../api/client';

export type ListingAction = 'publish' | 'pause' | 'resume' | 'retire';

/** What a merchant may do to a listing in each status (the listings service has the last word). */
export const ACTIONS_BY_STATUS: Record<ListingStatus, ListingAction[]> = {
  draft: ['publish', 'retire'],
  active: ['pause', 'retire'],
  paused: ['resume', 'retire'],
  retired: [],
};

export const ACTION_NAMES: Record<ListingAction, string> = {
  publish: 'Publish',
  pause: 'Pause',
  resume: 'Resume',
  retire: 'Retire',
};

/** Applies `action` to the version of the listing the merchant sees; a listing changed since is a 409. */
export function actOnListing(listing: ListingView, action: ListingAction): Promise<ListingView> {
  return api.post<ListingView>(`/listings/${listing.id}/${action}`, undefined, { headers: { 'if-match': `"${listing.version}"` } });
}
