import type { ListingView } from '@mogul/contracts';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Field, ProblemMessage } from '../../ui/forms';
import { FieldsetMessages } from './FieldsetMessages';
import { emptyGroup, emptyListing, GroupDraft, ListingDraft, listingRequestOf } from './listing-draft';
import { OptionGroupFieldset } from './OptionGroupFieldset';

/** Every field the form shows the API's messages at; the rest go above the form. */
const SHOWN_FIELDS = ['title', 'description', 'category', 'basePrice', 'optionGroups', 'royaltyPolicy', 'publish'];

/** A new listing: its product, option groups with their options, and the royalty range; amounts in major units. */
export function NewListingSection() {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ListingDraft>(emptyListing);
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const [saving, setSaving] = useState(false);
  const set = (changes: Partial<ListingDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const setGroup = (index: number, group: GroupDraft) => set({ optionGroups: draft.optionGroups.map((g, i) => (i === index ? group : g)) });
  const currency = draft.currency.trim().toUpperCase() || 'AUD';
  const form = useRef<HTMLFormElement>(null);
  // After a refusal, the first field it names gets the focus, so keyboard users land on what to fix.
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problem]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { request, problem: typed } = listingRequestOf(draft);
    setProblem(typed);
    if (!request) return;
    setSaving(true);
    try {
      const listing = await api.post<ListingView>('/listings', request);
      navigate('/merchant', { state: { notice: `Created “${listing.title}” (${listing.status}).` } });
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="new-listing-title">
      <h2 id="new-listing-title">New listing</h2>
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="listing-form">
        <ProblemMessage problem={problem} fields={SHOWN_FIELDS} />
        <Field label="Title" name="title" problem={problem}>
          {(input) => <input {...input} value={draft.title} onChange={(e) => set({ title: e.target.value })} required />}
        </Field>
        <Field label="Description" name="description" problem={problem}>
          {(input) => <textarea {...input} rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
        <Field label="Category" name="category" problem={problem} hint="e.g. pizza">
          {(input) => <input {...input} value={draft.category} onChange={(e) => set({ category: e.target.value })} required />}
        </Field>
        <div className="row">
          <Field label="Currency" name="currency" problem={problem} hint="ISO code, e.g. AUD; every amount uses it">
            {(input) => (
              <input
                {...input}
                value={draft.currency}
                maxLength={3}
                onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
                required
              />
            )}
          </Field>
          <Field label={`Base price (${currency})`} name="basePrice" problem={problem} hint="e.g. 12.50">
            {(input) => (
              <input {...input} inputMode="decimal" value={draft.basePrice} onChange={(e) => set({ basePrice: e.target.value })} required />
            )}
          </Field>
        </div>

        <h3>Option groups</h3>
        <p className="muted">
          A design chooses between the minimum and maximum number of options of each group; each option adds its price delta.
        </p>
        <FieldsetMessages problem={problem} fields={['optionGroups']} />
        {draft.optionGroups.map((group, index) => (
          <OptionGroupFieldset
            key={group.key}
            group={group}
            index={index}
            currency={currency}
            problem={problem}
            onChange={(g) => setGroup(index, g)}
            onRemove={() => set({ optionGroups: draft.optionGroups.filter((_, i) => i !== index) })}
          />
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => set({ optionGroups: [...draft.optionGroups, emptyGroup()] })}>
            Add option group
          </button>
        </p>

        <fieldset>
          <legend>Royalty per unit a creator may choose</legend>
          <FieldsetMessages problem={problem} fields={['royaltyPolicy']} />
          <div className="row">
            <Field label={`Minimum royalty (${currency})`} name="royaltyPolicy.min" problem={problem} hint="e.g. 0.25">
              {(input) => (
                <input
                  {...input}
                  inputMode="decimal"
                  value={draft.royaltyMin}
                  onChange={(e) => set({ royaltyMin: e.target.value })}
                  required
                />
              )}
            </Field>
            <Field label={`Maximum royalty (${currency})`} name="royaltyPolicy.max" problem={problem} hint="e.g. 1.50">
              {(input) => (
                <input
                  {...input}
                  inputMode="decimal"
                  value={draft.royaltyMax}
                  onChange={(e) => set({ royaltyMax: e.target.value })}
                  required
                />
              )}
            </Field>
          </div>
        </fieldset>

        <div className="checkbox">
          <input id="listing-publish" type="checkbox" checked={draft.publish} onChange={(e) => set({ publish: e.target.checked })} />
          <label htmlFor="listing-publish">Publish at once (otherwise it is saved as a draft)</label>
        </div>
        <FieldsetMessages problem={problem} fields={['publish']} />
        <button type="submit" disabled={saving}>
          {saving ? 'Creating…' : 'Create listing'}
        </button>
      </form>
    </section>
  );
}
