import { useId, useRef, useState } from 'react';
import { ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { CurrencyHistory, loadHistory } from './earnings-history';
import { EarningsCharts } from './EarningsCharts';
import { PayoutsTable } from './PayoutsTable';

/** The earnings charts and the payouts received, read from the last twelve monthly statements. */
export function HistorySection(props: { revision: number }) {
  const settled = useRef(new Map<string, Map<string, CurrencyHistory>>());
  const history = useLoad((signal) => loadHistory(signal, settled.current), [props.revision]);
  const [chosen, setChosen] = useState<string>();
  const currencyId = useId();
  const histories = history.data ?? [];
  const shown = histories.find((h) => h.currency === chosen) ?? histories[0];
  return (
    <>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Earnings over time</h2>
        {histories.length > 1 && (
          <div className="field">
            <label htmlFor={currencyId}>Currency</label>
            <select id={currencyId} value={shown?.currency} onChange={(e) => setChosen(e.target.value)}>
              {histories.map((h) => (
                <option key={h.currency}>{h.currency}</option>
              ))}
            </select>
          </div>
        )}
        <ProblemMessage problem={history.error} />
        {!history.data && history.loading && <p aria-busy="true">Loading your earnings history…</p>}
        {history.data && !shown && <p className="muted">Nothing earned in the last 12 months yet.</p>}
        {shown && <EarningsCharts history={shown} />}
      </section>
      <section aria-labelledby="payouts-title">
        <h2 id="payouts-title">Payouts received</h2>
        {!history.data && history.loading && <p aria-busy="true">Loading your payouts…</p>}
        {history.data && !shown && (
          <p className="muted">No payouts yet. Available money is paid by the next payout run once it reaches the threshold.</p>
        )}
        {shown && <PayoutsTable currency={shown.currency} payouts={shown.payouts} />}
      </section>
    </>
  );
}
