import { ProblemMessage } from '../../ui/forms';
import { BalancesSection } from './BalancesSection';
import { DesignsSection } from './DesignsSection';
import { GivingSection } from './GivingSection';
import { HistorySection } from './HistorySection';
import { LiveStatusBar } from './LiveStatusBar';
import { StatementSection } from './StatementSection';
import { useLiveEarnings } from './use-live-earnings';

/** The creator's dashboard: balances kept live, giving to charity, earnings over time, the monthly statement, payouts and designs. */
export function DashboardPage() {
  const live = useLiveEarnings();
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">Creator dashboard</h1>
      <LiveStatusBar status={live.status} news={live.news} />
      <ProblemMessage problem={live.error} />
      <BalancesSection earnings={live.earnings} loading={!live.earnings && !live.error} />
      <GivingSection earnings={live.earnings} />
      <HistorySection revision={live.revision} />
      <StatementSection revision={live.revision} />
      <DesignsSection revision={live.revision} />
    </section>
  );
}
