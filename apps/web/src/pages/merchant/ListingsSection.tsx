import type { ListingPage, ListingStatus, ListingView } from '@mogul/contracts';
import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { usePagedList } from '../../ui/paging';
import { MoreButton } from '../../ui/paging-controls';
import { ProblemMessage } from '../../ui/forms';
import { ListingRow } from './ListingRow';
import { actOnListing, ListingAction } from './listing-actions';

const STATUSES: ListingStatus[] = ['draft', 'active', 'paused', 'retired'];

/** The merchant's listings in every status, with what can be done to each. */
export function ListingsSection() {
  const location = useLocation();
  const filterId = useId();
  const [status, setStatus] = useState<ListingStatus | ''>('');
  const [notice, setNotice] = useState<string | undefined>((location.state as { notice?: string } | null)?.notice);
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [busy, setBusy] = useState<string>();
  const listings = usePagedList(
    (cursor, signal) =>
      api.get<ListingPage>('/merchants/me/listings', { query: { status: status || undefined, limit: 25, cursor }, signal }),
    [status],
  );

  const act = async (listing: ListingView, action: ListingAction) => {
    setBusy(listing.id);
    setProblem(undefined);
    setNotice(undefined);
    try {
      const changed = await actOnListing(listing, action);
      listings.update((items) => items.map((l) => (l.id === changed.id ? changed : l)));
      setNotice(`“${changed.title}” is now ${changed.status}.`);
    } catch (error) {
      setProblem(error as Error);
      // Someone changed it meanwhile: show the listing as it is now.
      if (error instanceof ApiProblem && error.status === 409) listings.reload();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-labelledby="listings-title">
      <h2 id="listings-title">My listings</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={filterId}>Status</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as ListingStatus | '')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <p className="field">
          <Link to="/merchant/listings/new" className="button">
            Create a listing
          </Link>
        </p>
      </div>
      <p className="muted">
        Pausing takes a listing out of the shop for a while; retiring is for good: its designs can no longer be ordered.
      </p>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      <ProblemMessage problem={problem} />
      {!listings.loaded && listings.loading && <p aria-busy="true">Loading your listings…</p>}
      {listings.loaded && listings.items.length === 0 && (
        <p className="muted">{status ? `No ${status} listings.` : 'No listings yet. Create one to let creators design on it.'}</p>
      )}
      {listings.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">My listings with their status and actions</caption>
            <thead>
              <tr>
                <th scope="col">Listing</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Base price
                </th>
                <th scope="col">Royalty range</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {listings.items.map((listing) => (
                <ListingRow key={listing.id} listing={listing} busy={busy === listing.id} onAct={(action) => void act(listing, action)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={listings} label="Show more listings" />
    </section>
  );
}
