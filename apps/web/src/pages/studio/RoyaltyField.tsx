import type { RoyaltyPolicyV1 } from '@mogul/contracts';
import { ApiProblem } from '../../api/problem';
import { formatMoney } from '../../money';
import { Field } from '../../ui/forms';

/** The royalty per unit in major units (`1.25`), with the merchant's policy as its bounds. */
export function RoyaltyField(props: {
  policy: RoyaltyPolicyV1;
  value: string;
  problem?: ApiProblem | Error;
  onChange: (value: string) => void;
}) {
  const { policy, value, problem, onChange } = props;
  const currency = policy.min.currency;
  return (
    <Field
      label={`Royalty per unit (${currency})`}
      name="royaltyPerUnit"
      problem={problem}
      hint={`What you earn on each unit sold: from ${formatMoney(policy.min)} to ${formatMoney(policy.max)}, as the merchant allows.`}
    >
      {(input) => (
        <input
          {...input}
          inputMode="decimal"
          autoComplete="off"
          className="amount"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
