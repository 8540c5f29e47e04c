import type { ListingPage, ListingView } from '@mogul/contracts';
import { api } from '../api/client';

/** Enough pages of active listings for a picker; a marketplace with more than this needs a search instead. */
const MAX_PAGES = 5;

/** The active listings, newest first, following the cursor a few pages. */
export async function loadActiveListings(signal: AbortSignal): Promise<ListingView[]> {
  const listings: ListingView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.get<ListingPage>('/listings', { query: { limit: 100, cursor }, signal });
    listings.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return listings;
}

/** The categories of `listings`, each once, in alphabetical order. */
export function categoriesOf(listings: readonly ListingView[]): string[] {
  return [...new Set(listings.map((listing) => listing.category))].sort((a, b) => a.localeCompare(b));
}
