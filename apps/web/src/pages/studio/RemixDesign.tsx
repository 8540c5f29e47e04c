import type { ListingView, ProductView } from '@mogul/contracts';
import { ProductLimits } from '@mogul/contracts';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { draftOf } from './design-draft';
import { DesignForm } from './DesignForm';
import { designsApi } from './studio-api';
import { useSaveDesign } from './useSaveDesign';

/** A remix: the form starts as a copy of the published design; saving records it as the parent. */
export function RemixDesign(props: { parentId: string }) {
  const parent = useLoad((signal) => api.get<ProductView>(`/products/${props.parentId}`, { signal }), [props.parentId]);
  const listingId = parent.data?.listingId;
  const listing = useLoad(
    (signal) => (listingId ? api.get<ListingView>(`/listings/${listingId}`, { signal }) : Promise.resolve(undefined)),
    [listingId],
  );
  const { busy, problem, save } = useSaveDesign();
  const design = parent.data;
  return (
    <section aria-labelledby="remix-title">
      <h1 id="remix-title">{design ? `Remix “${design.name}”` : 'Remix a design'}</h1>
      <p>
        <Link to="/studio">Back to my designs</Link>
      </p>
      <ProblemMessage problem={parent.error ?? listing.error} />
      {(parent.loading || listing.loading) && <p role="status">Loading the design…</p>}
      {design && (
        <p>
          Your remix starts as a copy of <Link to={`/designs/${design.id}`}>{design.name}</Link> by {design.creatorName ?? 'a creator'}.
          Change what you like; a share of your royalty goes to its creator.
        </p>
      )}
      {design && listing.data && (
        <DesignForm
          key={design.id}
          listing={listing.data}
          initial={draftOf(design, listing.data, `${design.name} remix`.slice(0, ProductLimits.nameMaxLength))}
          problem={problem}
          busy={busy}
          onSave={(fields, intent) => void save(() => designsApi.remix(design.id, fields), intent)}
        />
      )}
    </section>
  );
}
