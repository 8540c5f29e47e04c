import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Field, ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { Money } from '../../ui/Money';
import { loadActiveListings } from '../../ui/shop-listings';
import { newDraft } from './design-draft';
import { DesignForm } from './DesignForm';
import { RemixDesign } from './RemixDesign';
import { designsApi } from './studio-api';
import { useSaveDesign } from './useSaveDesign';

/** `/studio/new`: a design on a listing the creator picks; with `?remix=<id>`, a remix of that design. */
export function NewDesign() {
  const [params] = useSearchParams();
  const remix = params.get('remix');
  return remix ? <RemixDesign parentId={remix} /> : <FreshDesign initialListingId={params.get('listing') ?? ''} />;
}

function FreshDesign(props: { initialListingId: string }) {
  const listings = useLoad((signal) => loadActiveListings(signal), []);
  const [listingId, setListingId] = useState(props.initialListingId);
  const { busy, problem, save } = useSaveDesign();
  const listing = listings.data?.find((l) => l.id === listingId);
  return (
    <section aria-labelledby="new-design-title">
      <h1 id="new-design-title">New design</h1>
      <p>
        <Link to="/studio">Back to my designs</Link>
      </p>
      <ProblemMessage problem={listings.error} />
      {listings.loading && !listings.data && <p role="status">Loading listings…</p>}
      {listings.data?.length === 0 && <p className="muted">No listing is open for designs right now.</p>}
      {listings.data && listings.data.length > 0 && (
        <Field label="Listing" name="listingId" problem={problem} hint="The merchant's product your design is made on.">
          {(input) => (
            <select {...input} value={listing ? listingId : ''} onChange={(e) => setListingId(e.target.value)}>
              <option value="">Choose a listing…</option>
              {listings.data!.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title} ({l.category})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {listing && (
        <>
          <p className="muted">
            {listing.description} Base price <Money value={listing.basePrice} />.
          </p>
          <DesignForm
            key={listing.id}
            listing={listing}
            initial={newDraft(listing)}
            problem={problem}
            busy={busy}
            onSave={(fields, intent) => void save(() => designsApi.create({ ...fields, listingId: listing.id }), intent)}
          />
        </>
      )}
    </section>
  );
}
