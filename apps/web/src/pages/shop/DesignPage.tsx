import type { ListingView, ProductView } from '@mogul/contracts';
import { Facts } from '../../ui/Facts';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { hasRole } from '../../api/session';
import { ProblemMessage } from '../../ui/forms';
import { useLoad, useSession } from '../../ui/hooks';
import { FlagSummary } from '../../ui/FlagSummary';
import { Money } from '../../ui/Money';
import { creatorNameOf } from './DesignCard';
import { DesignOptions } from './DesignOptions';
import { OrderForm } from './OrderForm';
import { RemixLineage } from './RemixLineage';
import { ReportDesign } from './ReportDesign';
import { VoteButton } from './VoteButton';

/** A design: what it is made of, its price and votes, where it comes from; vote, order or remix it. */
export function DesignPage() {
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => api.get<ProductView>(`/products/${id}`, { signal }), [id]);
  const [design, setDesign] = useState<ProductView>();
  useEffect(() => setDesign(loaded.data), [loaded.data]);
  const listing = useLoad(
    (signal) => (design ? api.get<ListingView>(`/listings/${design.listingId}`, { signal }) : Promise.resolve(undefined)),
    [design?.listingId],
  );

  if (!design || design.id !== id) {
    return (
      <section aria-labelledby="design-title">
        <h1 id="design-title">Design</h1>
        {loaded.error ? <ProblemMessage problem={loaded.error} /> : <p role="status">Loading the design…</p>}
      </section>
    );
  }
  return (
    <article aria-labelledby="design-title" className="design">
      <h1 id="design-title">{design.name}</h1>
      <p className="muted">by {creatorNameOf(design)}</p>
      {design.status !== 'published' && <p className="notice">This design is {design.status}: only you can see it.</p>}
      {design.status === 'published' && design.hidden && (
        <p className="notice">This design is hidden from the shop while reports of it await an operator’s decision.</p>
      )}
      {design.flags && design.flags.open > 0 && <FlagSummary flags={design.flags} />}
      {design.description && <p>{design.description}</p>}
      <Facts
        items={[
          ['Listing', listing.data?.title ?? (listing.loading ? '…' : 'No longer listed')],
          ['Price', <Money key="price" value={design.unitPrice} />],
          ['Votes', design.votes],
          ['Orders', design.ordersCount],
        ]}
      />
      {design.remixOf && <RemixLineage lineage={design.remixOf} />}
      <DesignActions design={design} onVoted={(votes) => setDesign({ ...design, votes })} />

      <h2>Options</h2>
      <DesignOptions selections={design.selections} listing={listing.data} />

      <h2 id="order-title">Order</h2>
      <OrderForm design={design} />
    </article>
  );
}

function DesignActions(props: { design: ProductView; onVoted: (votes: number) => void }) {
  const { design } = props;
  const session = useSession();
  if (design.status !== 'published') return null;
  return (
    <div className="row design-actions">
      <VoteButton design={design} onVoted={props.onVoted} />
      {hasRole('creator', session) && (
        <Link className="button secondary" to={`/studio/new?remix=${design.id}`}>
          Remix
        </Link>
      )}
      {session && session.user.id !== design.creatorId && <ReportDesign design={design} />}
    </div>
  );
}
