import type { LeaderboardView } from '@mogul/contracts';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { TopCreators, TopDesigns } from './LeaderboardTables';
import { isMonth, PeriodPicker } from './PeriodPicker';
import { PastPrizeWinners, WeeklyPrizeStanding } from './WeeklyPrize';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The period in words: "May 2026", "All time", or the dates of a rolling period. */
function periodText(board: LeaderboardView): string {
  if (isMonth(board.period)) return monthFormat.format(new Date(board.from));
  if (board.period === 'all') return 'All time';
  return `${dateFormat.format(new Date(board.from))} to ${dateFormat.format(new Date(board.to))}`;
}

function periodOf(params: URLSearchParams): string {
  const period = params.get('period') ?? '28d';
  return ['28d', '7d', 'all'].includes(period) || isMonth(period) ? period : '28d';
}

/** Top creators by net royalty earned and top designs by orders, for a period (`?period=`); the weekly prize's race and winners. */
export function LeaderboardPage() {
  const [params, setParams] = useSearchParams();
  const period = periodOf(params);
  const board = useLoad(
    (signal) => api.get<LeaderboardView>('/creators/leaderboard', { query: { period, limit: 10 }, signal, anonymous: true }),
    [period],
  );
  const data = board.data;
  return (
    <section aria-labelledby="leaderboard-title" className="leaderboard">
      <h1 id="leaderboard-title">Leaderboard</h1>
      <PeriodPicker period={period} onChange={(next) => setParams(next === '28d' ? {} : { period: next })} />
      <ProblemMessage problem={board.error} />
      <div aria-busy={board.loading}>
        {board.loading && <p role="status">Loading the leaderboard…</p>}
        {data?.weeklyPrize && <WeeklyPrizeStanding prize={data.weeklyPrize} />}
        {data && <p className="muted">{periodText(data)}</p>}
        <h2 id="top-creators-title">Top creators</h2>
        {data && <TopCreators creators={data.creators} />}
        <h2 id="top-designs-title">Top designs</h2>
        {data && <TopDesigns designs={data.designs} />}
        {data && <PastPrizeWinners winners={data.pastWinners} />}
      </div>
    </section>
  );
}
