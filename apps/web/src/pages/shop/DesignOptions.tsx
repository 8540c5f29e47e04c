import type { ListingView, Selections } from '@mogul/contracts';

/**
 * The options chosen, group by group, with the listing's names. Without the listing (retired, or
 * not answered) the codes stand in for the names.
 */
export function DesignOptions(props: { selections: Selections; listing?: ListingView }) {
  const { selections, listing } = props;
  const groups = listing
    ? listing.optionGroups.map((group) => ({
        name: group.name,
        chosen: (selections[group.code] ?? []).map((code) => group.options.find((option) => option.code === code)?.name ?? code),
      }))
    : Object.entries(selections).map(([code, chosen]) => ({ name: code, chosen }));
  if (groups.length === 0) return <p className="muted">No options.</p>;
  return (
    <dl className="options">
      {groups.map((group) => (
        <div key={group.name}>
          <dt>{group.name}</dt>
          <dd>{group.chosen.length > 0 ? group.chosen.join(', ') : <span className="muted">None</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
