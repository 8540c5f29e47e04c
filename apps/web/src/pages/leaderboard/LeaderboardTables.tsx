import type { LeaderboardCreator, LeaderboardDesign } from '@mogul/contracts';
import { Link } from 'react-router';
import { Money } from '../../ui/Money';

/** A creator as the leaderboard names them: their display name, or a stand-in until it is known. */
export function nameOf(row: { creatorName?: string | null }): string {
  return row.creatorName ?? 'A creator';
}

export function TopCreators(props: { creators: LeaderboardCreator[] }) {
  if (props.creators.length === 0) return <p className="muted">No creator has earned in this period yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-labelledby="top-creators-title">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Creator</th>
            <th scope="col" className="num">
              Net earned
            </th>
            <th scope="col" className="num">
              Orders
            </th>
          </tr>
        </thead>
        <tbody>
          {props.creators.map((creator) => (
            <tr key={`${creator.creatorId}-${creator.earned.currency}`}>
              <td className="num">{creator.rank}</td>
              <th scope="row">{nameOf(creator)}</th>
              <td className="num">
                <Money value={creator.earned} />
              </td>
              <td className="num">{creator.ordersCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TopDesigns(props: { designs: LeaderboardDesign[] }) {
  if (props.designs.length === 0) return <p className="muted">No design has been ordered in this period yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-labelledby="top-designs-title">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Design</th>
            <th scope="col">Creator</th>
            <th scope="col" className="num">
              Orders
            </th>
            <th scope="col" className="num">
              Units
            </th>
          </tr>
        </thead>
        <tbody>
          {props.designs.map((design) => (
            <tr key={design.productId}>
              <td className="num">{design.rank}</td>
              <th scope="row">
                <Link to={`/designs/${design.productId}`}>{design.productName ?? 'A design'}</Link>
              </th>
              <td>{nameOf(design)}</td>
              <td className="num">{design.orders}</td>
              <td className="num">{design.units}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
