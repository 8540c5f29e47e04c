import type { DesignFields, ListingView } from '@mogul/contracts';
import { ProductLimits } from '@mogul/contracts';
import { FormEvent, useState } from 'react';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';
import { DesignDraft, fieldsOf, royaltyOf } from './design-draft';
import { priceOf } from './design-pricing';
import { OptionGroupField } from './OptionGroupField';
import { PriceBreakdown } from './PriceBreakdown';
import { RoyaltyField } from './RoyaltyField';

export type SaveIntent = 'draft' | 'publish';

/**
 * A design on `listing`: name, description, options group by group, royalty, and its unit price
 * as it is built. "Save draft" and "Save and publish" hand the fields to `onSave`; the API's
 * problems come back in `problem` and are shown at the fields they name.
 */
export function DesignForm(props: {
  listing: ListingView;
  initial: DesignDraft;
  problem?: ApiProblem | Error;
  busy: boolean;
  onSave: (fields: DesignFields, intent: SaveIntent) => void;
}) {
  const { listing, problem, busy, onSave } = props;
  const [draft, setDraft] = useState(props.initial);
  const [ownProblem, setOwnProblem] = useState<ApiProblem>();
  const shown = ownProblem ?? problem;
  const fields = ['name', 'description', 'listingId', 'royaltyPerUnit', ...listing.optionGroups.map((g) => `selections.${g.code}`)];
  const price = priceOf(listing, draft.selections, royaltyOf(draft, listing));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent: SaveIntent = submitter?.value === 'publish' ? 'publish' : 'draft';
    const checked = fieldsOf(draft, listing);
    if (checked instanceof ApiProblem) return setOwnProblem(checked);
    setOwnProblem(undefined);
    onSave(checked, intent);
  };

  return (
    <form onSubmit={submit} noValidate className="design-form">
      <ProblemMessage problem={shown} fields={fields} />
      <Field label="Name" name="name" problem={shown}>
        {(input) => (
          <input
            {...input}
            value={draft.name}
            maxLength={ProductLimits.nameMaxLength}
            required
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        )}
      </Field>
      <Field label="Description" name="description" problem={shown} hint="Optional: what makes it good.">
        {(input) => (
          <textarea
            {...input}
            rows={3}
            value={draft.description}
            maxLength={ProductLimits.descriptionMaxLength}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        )}
      </Field>

      <h2>Options</h2>
      {listing.optionGroups.length === 0 && <p className="muted">This listing has no options to choose.</p>}
      {listing.optionGroups.map((group) => (
        <OptionGroupField
          key={group.code}
          group={group}
          chosen={draft.selections[group.code] ?? []}
          problem={shown}
          onChange={(chosen) => setDraft({ ...draft, selections: { ...draft.selections, [group.code]: chosen } })}
        />
      ))}

      <h2>Royalty</h2>
      <RoyaltyField
        policy={listing.royaltyPolicy}
        value={draft.royalty}
        problem={shown}
        onChange={(royalty) => setDraft({ ...draft, royalty })}
      />

      <PriceBreakdown price={price} />

      <div className="row form-actions">
        <button type="submit" value="draft" className="secondary" aria-disabled={busy}>
          Save draft
        </button>
        <button type="submit" value="publish" aria-disabled={busy}>
          Save and publish
        </button>
        {busy && (
          <span role="status" className="muted">
            Saving…
          </span>
        )}
      </div>
    </form>
  );
}
