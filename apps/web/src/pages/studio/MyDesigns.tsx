import type { ProductPage, ProductStatus } from '@mogul/contracts';
import { PRODUCT_STATUSES } from '@mogul/contracts';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { usePagedList } from '../../ui/paging';
import { ListState, MoreButton } from '../../ui/paging-controls';
import { MyDesignCard } from './MyDesignCard';
import { noteOf } from './useSaveDesign';

const FILTERS: { value: '' | ProductStatus; label: string }[] = [
  { value: '', label: 'All designs' },
  ...PRODUCT_STATUSES.map((status) => ({ value: status, label: `${status[0].toUpperCase()}${status.slice(1)}` })),
];

/** `/studio`: my designs in every state, newest first, with what each allows. */
export function MyDesigns() {
  const note = noteOf(useLocation().state);
  const [status, setStatus] = useState<'' | ProductStatus>('');
  const designs = usePagedList(
    (cursor, signal) =>
      api.get<ProductPage>('/creators/me/products', { query: { status: status || undefined, limit: 24, cursor }, signal }),
    [status],
  );
  return (
    <section aria-labelledby="studio-title">
      <h1 id="studio-title">Design studio</h1>
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <div className="row">
        <Link className="button" to="/studio/new">
          New design
        </Link>
        <div className="field">
          <label htmlFor="studio-status">Show</label>
          <select id="studio-status" value={status} onChange={(e) => setStatus(e.target.value as '' | ProductStatus)}>
            {FILTERS.map((filter) => (
              <option key={filter.value} value={filter.value}>
                {filter.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ListState list={designs} loadingText="Loading your designs…" emptyText="No designs here yet. Start one with New design." />
      {designs.items.length > 0 && (
        <ul className="cards" aria-label="My designs">
          {designs.items.map((design) => (
            <MyDesignCard
              key={design.id}
              design={design}
              onChange={(changed) => designs.update((items) => items.map((d) => (d.id === changed.id ? changed : d)))}
            />
          ))}
        </ul>
      )}
      <MoreButton list={designs} />
    </section>
  );
}
