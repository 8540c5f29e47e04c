import type { ProductView } from '@mogul/contracts';
import { Facts } from '../../ui/Facts';
import { Link } from 'react-router';
import { Money } from '../../ui/Money';

export function creatorNameOf(design: { creatorName: string | null }): string {
  return design.creatorName ?? 'A creator';
}

/** One design in the shop: its name (a link to its page), who made it, its price and votes. */
export function DesignCard(props: { design: ProductView }) {
  const { design } = props;
  return (
    <li className="card design-card">
      <h2>
        <Link to={`/designs/${design.id}`}>{design.name}</Link>
      </h2>
      <p className="muted">by {creatorNameOf(design)}</p>
      <Facts
        items={[
          ['Price', <Money key="price" value={design.unitPrice} />],
          ['Votes', design.votes],
        ]}
      />
    </li>
  );
}
