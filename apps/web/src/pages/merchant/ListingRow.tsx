import type { ListingView } from '@mogul/contracts';
import { Money } from '../../ui/Money';
import { ACTION_NAMES, ACTIONS_BY_STATUS, ListingAction } from './listing-actions';

/** A listing in the merchant's table: what it is, its status, and a button per action its status allows. */
export function ListingRow(props: { listing: ListingView; busy: boolean; onAct: (action: ListingAction) => void }) {
  const { listing } = props;
  const actions = ACTIONS_BY_STATUS[listing.status];
  return (
    <tr>
      <th scope="row">
        {listing.title}
        <div className="muted small">
          {listing.optionGroups.length} option group{listing.optionGroups.length === 1 ? '' : 's'}
        </div>
      </th>
      <td>{listing.category}</td>
      <td className="num">
        <Money value={listing.basePrice} />
      </td>
      <td>
        <Money value={listing.royaltyPolicy.min} />–<Money value={listing.royaltyPolicy.max} />
      </td>
      <td>
        <span className={`status ${listing.status}`}>{listing.status}</span>
      </td>
      <td>
        <div className="actions">
          {actions.length === 0 && <span className="muted">None</span>}
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'retire' ? 'secondary' : undefined}
              disabled={props.busy}
              aria-label={`${ACTION_NAMES[action]} ${listing.title}`}
              onClick={() => props.onAct(action)}
            >
              {ACTION_NAMES[action]}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}
