import { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/forms';
import { FieldsetMessages } from './FieldsetMessages';
import { emptyOption, GroupDraft, OptionDraft } from './listing-draft';

/** One option group of a listing: its code, name and selection bounds, and its options with their price deltas. */
export function OptionGroupFieldset(props: {
  group: GroupDraft;
  index: number;
  currency: string;
  problem?: ApiProblem | Error;
  onChange: (group: GroupDraft) => void;
  onRemove: () => void;
}) {
  const { group, index, problem } = props;
  const n = index + 1;
  const at = `optionGroups[${index}]`;
  const set = (changes: Partial<GroupDraft>) => props.onChange({ ...group, ...changes });
  const setOption = (o: number, changes: Partial<OptionDraft>) =>
    set({ options: group.options.map((option, i) => (i === o ? { ...option, ...changes } : option)) });
  return (
    <fieldset className="group-fieldset">
      <legend>Option group {n}</legend>
      <FieldsetMessages problem={problem} fields={[at, `${at}.options`]} />
      <div className="grid-fields">
        <Field label={`Group ${n} code`} name={`${at}.code`} problem={problem} hint="e.g. toppings: lower-case letters and digits">
          {(input) => (
            <input {...input} value={group.code} onChange={(e) => set({ code: e.target.value })} required autoCapitalize="none" />
          )}
        </Field>
        <Field label={`Group ${n} name`} name={`${at}.name`} problem={problem}>
          {(input) => <input {...input} value={group.name} onChange={(e) => set({ name: e.target.value })} required />}
        </Field>
        <Field label={`Group ${n} minimum selections`} name={`${at}.minSelections`} problem={problem}>
          {(input) => (
            <input
              {...input}
              inputMode="numeric"
              value={group.minSelections}
              onChange={(e) => set({ minSelections: e.target.value })}
              required
            />
          )}
        </Field>
        <Field label={`Group ${n} maximum selections`} name={`${at}.maxSelections`} problem={problem}>
          {(input) => (
            <input
              {...input}
              inputMode="numeric"
              value={group.maxSelections}
              onChange={(e) => set({ maxSelections: e.target.value })}
              required
            />
          )}
        </Field>
      </div>
      <ol className="option-list">
        {group.options.map((option, o) => {
          const optionAt = `${at}.options[${o}]`;
          const label = `Group ${n} option ${o + 1}`;
          return (
            <li key={option.key} className="option-row">
              <FieldsetMessages problem={problem} fields={[optionAt]} />
              <Field label={`${label} code`} name={`${optionAt}.code`} problem={problem}>
                {(input) => (
                  <input
                    {...input}
                    value={option.code}
                    onChange={(e) => setOption(o, { code: e.target.value })}
                    required
                    autoCapitalize="none"
                  />
                )}
              </Field>
              <Field label={`${label} name`} name={`${optionAt}.name`} problem={problem}>
                {(input) => <input {...input} value={option.name} onChange={(e) => setOption(o, { name: e.target.value })} required />}
              </Field>
              <Field label={`${label} price delta (${props.currency})`} name={`${optionAt}.priceDelta`} problem={problem}>
                {(input) => (
                  <input
                    {...input}
                    inputMode="decimal"
                    value={option.priceDelta}
                    onChange={(e) => setOption(o, { priceDelta: e.target.value })}
                    required
                  />
                )}
              </Field>
              {group.options.length > 1 && (
                <button type="button" className="secondary" onClick={() => set({ options: group.options.filter((_, i) => i !== o) })}>
                  Remove option {o + 1} from group {n}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button type="button" className="secondary" onClick={() => set({ options: [...group.options, emptyOption()] })}>
          Add option to group {n}
        </button>
        <button type="button" className="secondary" onClick={props.onRemove}>
          Remove option group {n}
        </button>
      </div>
    </fieldset>
  );
}
