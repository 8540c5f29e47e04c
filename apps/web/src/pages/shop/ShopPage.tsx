import type { ProductPage, ProductSort } from '@mogul/contracts';
import { PRODUCT_SORTS } from '@mogul/contracts';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../ui/hooks';
import { loadActiveListings } from '../../ui/shop-listings';
import { usePagedList } from '../../ui/paging';
import { ListState, MoreButton } from '../../ui/paging-controls';
import { DesignCard } from './DesignCard';
import { ShopFilters, ShopQuery } from './ShopFilters';

/** The query as it stands in the address (`?q=&sort=&listing=&category=`), so a search can be shared and reloaded. */
function queryOf(params: URLSearchParams): ShopQuery {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    sort: (PRODUCT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ProductSort) : 'newest',
    listingId: params.get('listing') ?? '',
    category: params.get('category') ?? '',
  };
}

function paramsOf(query: ShopQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (query.sort !== 'newest') params.sort = query.sort;
  if (query.listingId) params.listing = query.listingId;
  if (query.category) params.category = query.category;
  return params;
}

/** Browse and search published designs. */
export function ShopPage() {
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const listings = useLoad((signal) => loadActiveListings(signal), []);
  const designs = usePagedList(
    (cursor, signal) =>
      api.get<ProductPage>('/products', {
        query: { q: query.q, sort: query.sort, listingId: query.listingId, category: query.category, limit: 24, cursor },
        signal,
        anonymous: true,
      }),
    [query.q, query.sort, query.listingId, query.category],
  );
  return (
    <section aria-labelledby="shop-title">
      <h1 id="shop-title">Shop designs</h1>
      <ShopFilters query={query} listings={listings.data ?? []} onChange={(next) => setParams(paramsOf(next))} />
      <ListState
        list={designs}
        loadingText="Loading designs…"
        emptyText={query.q ? 'No designs match your search.' : 'No designs here yet.'}
      />
      {designs.items.length > 0 && (
        <ul className="cards" aria-label="Designs" aria-busy={designs.loading}>
          {designs.items.map((design) => (
            <DesignCard key={design.id} design={design} />
          ))}
        </ul>
      )}
      <MoreButton list={designs} />
    </section>
  );
}
