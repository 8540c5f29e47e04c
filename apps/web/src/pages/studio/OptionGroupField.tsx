import type { ListingOptionGroupV1 } from '@mogul/contracts';
import { useId } from 'react';
import { ApiProblem } from '../../api/problem';
import { formatMoney } from '../../money';
import { isSingleChoice, selectionRule } from './design-pricing';

/**
 * One option group: radio buttons when it takes one option, checkboxes otherwise. Options that
 * would break the maximum are disabled; an unmet minimum is said under the legend; the API's
 * messages about `selections.<group>` are shown here.
 */
export function OptionGroupField(props: {
  group: ListingOptionGroupV1;
  chosen: string[];
  problem?: ApiProblem | Error;
  onChange: (chosen: string[]) => void;
}) {
  const { group, chosen, problem, onChange } = props;
  const id = useId();
  const single = isSingleChoice(group);
  const messages = problem instanceof ApiProblem ? problem.messagesFor(`selections.${group.code}`) : [];
  const missing = Math.max(0, group.minSelections - chosen.length);
  const full = chosen.length >= group.maxSelections;
  const toggle = (code: string, on: boolean) => {
    if (single) onChange(on ? [code] : []);
    else onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  };
  const described = [`${id}-rule`, messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="option-group" aria-describedby={described} aria-invalid={messages.length > 0 || undefined}>
      <legend>{group.name}</legend>
      <p id={`${id}-rule`} className="hint">
        {selectionRule(group)}
        {missing > 0 && <strong className="unmet"> Choose {missing === 1 ? '1 more option' : `${missing} more options`}.</strong>}
        {!single && full && group.maxSelections > 0 && ' You have chosen as many as this group allows.'}
      </p>
      <ul className="choices">
        {single && group.minSelections === 0 && (
          <li>
            <label>
              <input type="radio" name={`${id}-option`} checked={chosen.length === 0} onChange={() => onChange([])} /> None
            </label>
          </li>
        )}
        {group.options.map((option) => {
          const checked = chosen.includes(option.code);
          return (
            <li key={option.code}>
              <label>
                <input
                  type={single ? 'radio' : 'checkbox'}
                  name={`${id}-option`}
                  value={option.code}
                  checked={checked}
                  disabled={!single && !checked && full}
                  onChange={(e) => toggle(option.code, e.target.checked)}
                />{' '}
                {option.name}
                {option.priceDelta.amount > 0 && <span className="muted"> (+{formatMoney(option.priceDelta)})</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {messages.length > 0 && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {messages.join(' ')}
        </p>
      )}
    </fieldset>
  );
}
