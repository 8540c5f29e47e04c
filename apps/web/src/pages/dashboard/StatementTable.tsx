import type { CurrencyStatement, StatementLine, StatementLineKind } from '@mogul/contracts';
import { Link } from 'react-router';
import { formatMoney } from '../../money';
import { monthName, shortDateTime } from './months';

export const KIND_NAMES: Record<StatementLineKind, string> = {
  accrual: 'Royalty',
  remix_share: 'Remix share',
  release: 'Released to available',
  reversal: 'Taken back (refund)',
  payout: 'Payout',
  payout_returned: 'Payout returned',
  prize: 'Weekly prize',
  donation: 'Given to charity',
  donation_reversal: 'Gift returned (refund)',
};

/** One currency's statement for a month: opening balance, each line, closing balance. */
export function StatementTable(props: { month: string; statement: CurrencyStatement; lines: StatementLine[]; complete: boolean }) {
  const { statement } = props;
  const money = (amount: number) => formatMoney({ amount, currency: statement.currency });
  return (
    <div className="table-wrap">
      <table className="statement">
        <caption>
          Statement for {monthName(props.month)} in {statement.currency}
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Design</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="balance-row">
            <th scope="row" colSpan={5}>
              Opening balance
            </th>
            <td className="num">{money(statement.openingBalance.amount)}</td>
          </tr>
          {props.lines.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No lines this month.
              </td>
            </tr>
          )}
          {props.lines.map((line, i) => (
            <tr key={`${line.at}-${i}`}>
              <td className="nowrap">{shortDateTime(line.at)}</td>
              <td>{KIND_NAMES[line.kind]}</td>
              <td>{line.productId ? <Link to={`/designs/${line.productId}`}>{line.productName ?? 'A design'}</Link> : '—'}</td>
              <td className="num">{line.quantity ?? ''}</td>
              <td className="num">{money(line.amount.amount)}</td>
              <td className="num">{money(line.balance.amount)}</td>
            </tr>
          ))}
        </tbody>
        {props.complete && (
          <tfoot>
            <tr className="balance-row">
              <th scope="row" colSpan={5}>
                Closing balance
              </th>
              <td className="num">{money(statement.closingBalance.amount)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
