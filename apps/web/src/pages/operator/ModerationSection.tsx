import type { ProductPage, ProductView } from '@mogul/contracts';
import { FormEvent, Fragment, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { usePagedList } from '../../ui/paging';
import { MoreButton } from '../../ui/paging-controls';
import { Money } from '../../ui/Money';
import { RejectForm } from './RejectForm';

/**
 * Moderation: designs are live as soon as their creators publish them, so operators review the
 * published ones, newest first, and reject what breaks the rules. There is nothing to approve.
 */
export function ModerationSection() {
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [rejecting, setRejecting] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const designs = usePagedList(
    (cursor, signal) => api.get<ProductPage>('/products', { query: { sort: 'newest', q: query || undefined, limit: 25, cursor }, signal }),
    [query],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(typed.trim());
  };
  const rejected = (design: ProductView) => {
    designs.update((items) => items.filter((d) => d.id !== design.id));
    setRejecting(undefined);
    setNotice(`“${design.name}” was rejected; its creator sees the reason.`);
  };
  return (
    <section aria-labelledby="moderation-title">
      <h2 id="moderation-title">Moderation queue</h2>
      <p className="muted">Published designs, newest first. Rejecting one takes it out of the shop; its creator sees your reason.</p>
      <form role="search" onSubmit={search} className="row">
        <div className="field">
          <label htmlFor={searchId}>Search designs</label>
          <input id={searchId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </form>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      {!designs.loaded && designs.loading && <p aria-busy="true">Loading designs…</p>}
      {designs.loaded && designs.items.length === 0 && (
        <p className="muted">{query ? 'No published design matches.' : 'No published designs to review.'}</p>
      )}
      {designs.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Published designs to review</caption>
            <thead>
              <tr>
                <th scope="col">Design</th>
                <th scope="col">Creator</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Votes
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {designs.items.map((design) => (
                <Fragment key={design.id}>
                  <tr>
                    <th scope="row">
                      <Link to={`/designs/${design.id}`}>{design.name}</Link>
                      {design.description && <div className="muted small">{design.description}</div>}
                    </th>
                    <td>{design.creatorName ?? <code>{design.creatorId.slice(0, 8)}</code>}</td>
                    <td>{design.category}</td>
                    <td className="num">
                      <Money value={design.unitPrice} />
                    </td>
                    <td className="num">{design.votes}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={rejecting === design.id}
                        aria-label={`Reject ${design.name}`}
                        onClick={() => setRejecting(rejecting === design.id ? undefined : design.id)}
                      >
                        Reject
                      </button>
                    </td>
                  </tr>
                  {rejecting === design.id && (
                    <tr>
                      <td colSpan={6}>
                        <RejectForm design={design} onRejected={rejected} onCancel={() => setRejecting(undefined)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={designs} label="Show more designs" />
    </section>
  );
}
