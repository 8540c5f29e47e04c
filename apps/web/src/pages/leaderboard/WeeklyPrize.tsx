import type { PrizePeriod, PrizeStanding, PrizeWinner } from '@mogul/contracts';
import { Money } from '../../ui/Money';
import { nameOf } from './LeaderboardTables';

/** A prize week in the prize's zone: "Mon 7 Dec 2026 – Mon 14 Dec 2026". */
function weekText(period: PrizePeriod, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone });
  return `${format.format(new Date(period.from))} – ${format.format(new Date(period.to))}`;
}

/** This week's prize and who leads for it: net royalties earned in the week, in the prize's currency. */
export function WeeklyPrizeStanding(props: { prize: PrizeStanding }) {
  const { prize } = props;
  return (
    <section aria-labelledby="weekly-prize-title" className="weekly-prize">
      <h2 id="weekly-prize-title">This week’s prize</h2>
      <p>
        <strong>
          <Money value={prize.prize} />
        </strong>{' '}
        for the creator with the highest net royalties from {weekText(prize.period, prize.timeZone)} ({prize.timeZone}). Equal earnings go
        to whoever got there first.
      </p>
      {prize.standing.length === 0 ? (
        <p className="muted">Nobody has earned this week yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="This week’s standing">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Creator</th>
                <th scope="col" className="num">
                  Net earned this week
                </th>
              </tr>
            </thead>
            <tbody>
              {prize.standing.map((entry) => (
                <tr key={entry.creatorId}>
                  <td className="num">{entry.rank}</td>
                  <th scope="row">{nameOf(entry)}</th>
                  <td className="num">
                    <Money value={entry.earned} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The weeks that had a winner, newest first. */
export function PastPrizeWinners(props: { winners: PrizeWinner[] }) {
  if (props.winners.length === 0) return null;
  return (
    <section aria-labelledby="past-winners-title">
      <h2 id="past-winners-title">Past winners</h2>
      <div className="table-wrap">
        <table aria-labelledby="past-winners-title">
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Winner</th>
              <th scope="col" className="num">
                Prize
              </th>
            </tr>
          </thead>
          <tbody>
            {props.winners.map((winner) => (
              <tr key={winner.period.from}>
                <td>{weekText(winner.period)}</td>
                <th scope="row">{nameOf(winner)}</th>
                <td className="num">
                  <Money value={winner.prize} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
