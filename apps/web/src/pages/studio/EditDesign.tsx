import type { ListingView, ProductView } from '@mogul/contracts';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import { ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { draftOf } from './design-draft';
import { DesignForm } from './DesignForm';
import { designsApi } from './studio-api';
import { noteOf, useSaveDesign } from './useSaveDesign';

/** `/studio/:id/edit`: change a draft, save it again, or publish it. */
export function EditDesign() {
  const { id = '' } = useParams();
  const note = noteOf(useLocation().state);
  const product = useLoad((signal) => api.get<ProductView>(`/products/${id}`, { signal }), [id]);
  const listingId = product.data?.listingId;
  const listing = useLoad(
    (signal) => (listingId ? api.get<ListingView>(`/listings/${listingId}`, { signal }) : Promise.resolve(undefined)),
    [listingId],
  );
  const { busy, problem, save } = useSaveDesign();
  const design = product.data?.id === id ? product.data : undefined;
  return (
    <section aria-labelledby="edit-design-title">
      <h1 id="edit-design-title">{design ? `Edit “${design.name}”` : 'Edit a design'}</h1>
      <p>
        <Link to="/studio">Back to my designs</Link>
      </p>
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <ProblemMessage problem={product.error ?? listing.error} />
      {(product.loading || listing.loading) && !design && <p role="status">Loading the design…</p>}
      {design && design.status !== 'draft' && (
        <p className="notice">
          “{design.name}” is {design.status}: only drafts can be changed. <Link to={`/designs/${design.id}`}>See the design</Link>.
        </p>
      )}
      {design && design.status === 'draft' && listing.data && (
        <>
          <p className="muted">On the listing “{listing.data.title}”.</p>
          <DesignForm
            key={design.id}
            listing={listing.data}
            initial={draftOf(design, listing.data)}
            problem={problem}
            busy={busy}
            onSave={(fields, intent) => void save(() => designsApi.update(design.id, fields), intent)}
          />
        </>
      )}
    </section>
  );
}
