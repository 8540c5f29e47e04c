import type { ProductPage, ProductStatus } from '@mogul/contracts';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { usePagedList } from '../../ui/paging';
import { MoreButton } from '../../ui/paging-controls';
import { Money } from '../../ui/Money';

const STATUS_NAMES: Record<ProductStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  withdrawn: 'Withdrawn',
  rejected: 'Rejected',
};

/** The creator's designs, every status, with what they sold and the votes they got. */
export function DesignsSection(props: { revision: number }) {
  const designs = usePagedList(
    (cursor, signal) => api.get<ProductPage>('/creators/me/products', { query: { sort: 'newest', limit: 25, cursor }, signal }),
    [props.revision],
  );
  return (
    <section aria-labelledby="designs-title">
      <h2 id="designs-title">My designs</h2>
      {!designs.loaded && designs.loading && <p aria-busy="true">Loading your designs…</p>}
      {designs.loaded && designs.items.length === 0 && (
        <p className="muted">
          No designs yet. <Link to="/studio">Design one in the studio</Link>.
        </p>
      )}
      {designs.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">My designs with their orders and votes</caption>
            <thead>
              <tr>
                <th scope="col">Design</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Royalty per unit
                </th>
                <th scope="col" className="num">
                  Orders
                </th>
                <th scope="col" className="num">
                  Units
                </th>
                <th scope="col" className="num">
                  Votes
                </th>
              </tr>
            </thead>
            <tbody>
              {designs.items.map((design) => (
                <tr key={design.id}>
                  <th scope="row">
                    {design.status === 'published' ? <Link to={`/designs/${design.id}`}>{design.name}</Link> : design.name}
                  </th>
                  <td>
                    {STATUS_NAMES[design.status]}
                    {design.rejectionReason && <span className="muted"> — {design.rejectionReason}</span>}
                  </td>
                  <td className="num">
                    <Money value={design.royaltyPerUnit} />
                  </td>
                  <td className="num">{design.ordersCount}</td>
                  <td className="num">{design.unitsOrdered}</td>
                  <td className="num">{design.votes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={designs} label="Show more designs" />
    </section>
  );
}
