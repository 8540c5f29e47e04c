import type { StatementLine } from '@mogul/contracts';
import { formatMoney } from '../../money';
import { dateTime } from './months';

/** The payouts sent to the creator, and any that came back, newest first. */
export function PayoutsTable(props: { currency: string; payouts: StatementLine[] }) {
  if (props.payouts.length === 0) {
    return <p className="muted">No payouts in {props.currency} in the last 12 months.</p>;
  }
  return (
    <div className="table-wrap">
      <table>
        <caption>Payouts received in {props.currency}, last 12 months</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {props.payouts.map((line, i) => (
            <tr key={`${line.at}-${i}`}>
              <td className="nowrap">{dateTime(line.at)}</td>
              <td>{line.kind === 'payout' ? 'Paid to you' : 'Returned: the payout failed'}</td>
              <td className="num">{formatMoney({ amount: Math.abs(line.amount.amount), currency: line.amount.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
