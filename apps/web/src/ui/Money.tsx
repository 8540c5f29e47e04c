import type { Money as MoneyValue } from '@mogul/contracts';
import { formatMoney } from '../money';

export function Money(props: { value: MoneyValue }) {
  return <span className="money">{formatMoney(props.value)}</span>;
}
