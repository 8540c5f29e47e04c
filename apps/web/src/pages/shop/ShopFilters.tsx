import type { ListingView, ProductSort } from '@mogul/contracts';
import { FormEvent } from 'react';
import { categoriesOf } from '../../ui/shop-listings';

export interface ShopQuery {
  q: string;
  sort: ProductSort;
  listingId: string;
  category: string;
}

const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'votes', label: 'Most voted' },
  { value: 'orders', label: 'Most ordered' },
];

/**
 * Search text (applied with the Search button), sort, listing and category (applied at once).
 * The form is uncontrolled for the text so typing does not search on every key.
 */
export function ShopFilters(props: { query: ShopQuery; listings: ListingView[]; onChange: (query: ShopQuery) => void }) {
  const { query, listings, onChange } = props;
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...query, q: String(new FormData(event.currentTarget).get('q') ?? '').trim() });
  };
  return (
    <form role="search" aria-label="Designs" className="row filters" onSubmit={search}>
      <div className="field">
        <label htmlFor="shop-q">Search designs</label>
        <input id="shop-q" name="q" type="search" defaultValue={query.q} key={query.q} placeholder="spicy -pineapple" maxLength={200} />
      </div>
      <div className="field">
        <button type="submit">Search</button>
      </div>
      <div className="field">
        <label htmlFor="shop-sort">Sort by</label>
        <select id="shop-sort" value={query.sort} onChange={(e) => onChange({ ...query, sort: e.target.value as ProductSort })}>
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="shop-listing">Listing</label>
        <select id="shop-listing" value={query.listingId} onChange={(e) => onChange({ ...query, listingId: e.target.value })}>
          <option value="">All listings</option>
          {listings.map((listing) => (
            <option key={listing.id} value={listing.id}>
              {listing.title}
            </option>
          ))}
          {query.listingId && !listings.some((listing) => listing.id === query.listingId) && (
            <option value={query.listingId}>The chosen listing</option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="shop-category">Category</label>
        <select id="shop-category" value={query.category} onChange={(e) => onChange({ ...query, category: e.target.value })}>
          <option value="">All categories</option>
          {withCurrent(categoriesOf(listings), query.category).map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

/** The choices, with the current value kept even when the loaded listings no longer have it. */
function withCurrent(choices: string[], current: string): string[] {
  return current && !choices.includes(current) ? [...choices, current] : choices;
}
