import { ReactNode } from 'react';

/** A few labelled figures of one thing (a design's price, votes, orders), as a description list. */
export function Facts(props: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className="facts">
      {props.items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
