import type { CurrencyEarnings, EarningsView } from '@mogul/contracts';
import { Money } from '../../ui/Money';

/** Pending, available and paid out, per currency, with what each means. */
export function BalancesSection(props: { earnings?: EarningsView; loading: boolean }) {
  const currencies = props.earnings?.currencies ?? [];
  return (
    <section aria-labelledby="balances-title">
      <h2 id="balances-title">Balances</h2>
      <p className="muted">
        A royalty is <strong>pending</strong> from the moment an order is paid. It becomes <strong>available</strong> once the merchant has
        fulfilled the order and a hold period has passed (7 days unless the platform says otherwise), so that refunds can still take it
        back. Available money is <strong>paid out</strong> by the next payout run, once it reaches the payout threshold.
      </p>
      {props.loading && !props.earnings && <p aria-busy="true">Loading your balances…</p>}
      {props.earnings && currencies.length === 0 && (
        <p className="notice">No earnings yet. When someone orders one of your designs, its royalty shows here as pending.</p>
      )}
      <ul className="cards balances">
        {currencies.map((c) => (
          <li key={c.currency} className="card">
            <BalanceCard earnings={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function BalanceCard(props: { earnings: CurrencyEarnings }) {
  const c = props.earnings;
  return (
    <>
      <h3>{c.currency}</h3>
      <dl className="figures">
        <div>
          <dt>Pending</dt>
          <dd>
            <Money value={c.pending} />
          </dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd>
            <Money value={c.available} />
          </dd>
        </div>
        <div>
          <dt>Paid out</dt>
          <dd>
            <Money value={c.paidOut} />
          </dd>
        </div>
        <div>
          <dt>Earned this month</dt>
          <dd>
            <Money value={c.thisMonth.earned} />
          </dd>
        </div>
        <div>
          <dt>Earned in all</dt>
          <dd>
            <Money value={c.lifetime.earned} />
          </dd>
        </div>
      </dl>
      {c.available.amount < 0 && <p className="muted">Negative: a refund came after a payout. Later royalties make up for it.</p>}
      {c.ineligible.lines > 0 && (
        <p className="muted">
          Your own purchases of your designs ({c.ineligible.lines}, <Money value={c.ineligible.amount} />) earn nothing.
        </p>
      )}
    </>
  );
}
