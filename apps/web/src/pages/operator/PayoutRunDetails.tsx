import type { PayoutRunView, PayoutStatus, PayoutView } from '@mogul/contracts';
import { Money } from '../../ui/Money';

const STATUS_NAMES: Record<PayoutStatus, string> = { pending: 'Pending', paid: 'Paid', failed: 'Failed' };

/** A payout run: its state, its totals per currency, and the payouts read so far. */
export function PayoutRunDetails(props: {
  run: PayoutRunView;
  payouts: PayoutView[];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { run } = props;
  return (
    <div className="payout-run">
      <h3>Run {run.id}</h3>
      <p role="status">
        {run.status === 'running' ? 'Running' : 'Completed'} · started {new Date(run.startedAt).toLocaleString()}
        {run.completedAt && <> · completed {new Date(run.completedAt).toLocaleString()}</>}
      </p>
      {run.totals.length === 0 ? (
        <p className="muted">Nobody was due a payout in this run.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>Totals by currency</caption>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Payouts paid
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col" className="num">
                  Payouts failed
                </th>
              </tr>
            </thead>
            <tbody>
              {run.totals.map((t) => (
                <tr key={t.currency}>
                  <th scope="row">{t.currency}</th>
                  <td className="num">
                    <Money value={t.paid} />
                  </td>
                  <td className="num">{t.paidCount}</td>
                  <td className="num">
                    <Money value={t.failed} />
                  </td>
                  <td className="num">{t.failedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.payouts.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Payouts</caption>
            <thead>
              <tr>
                <th scope="col">Creator</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">Reference or reason</th>
              </tr>
            </thead>
            <tbody>
              {props.payouts.map((payout) => (
                <tr key={payout.id}>
                  <th scope="row">
                    <code>{payout.creatorId}</code>
                  </th>
                  <td className="num">
                    <Money value={payout.amount} />
                  </td>
                  <td>{STATUS_NAMES[payout.status]}</td>
                  <td>{payout.failureReason ?? payout.providerReference ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.hasMore && (
        <p>
          <button type="button" className="secondary" disabled={props.loading} onClick={props.onMore}>
            {props.loading ? 'Loading…' : 'Show more payouts'}
          </button>
        </p>
      )}
    </div>
  );
}
