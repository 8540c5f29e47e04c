import type { ProductView, RemixLineage as Lineage } from '@mogul/contracts';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../ui/hooks';
import { creatorNameOf } from './DesignCard';

/** What the design remixes (a link to it), and the share of the royalty its creator gets. */
export function RemixLineage(props: { lineage: Lineage }) {
  const { lineage } = props;
  // The parent may since have been withdrawn: then it is named generically, the link still given.
  const parent = useLoad((signal) => api.get<ProductView>(`/products/${lineage.parentProductId}`, { signal }), [lineage.parentProductId]);
  const name = parent.data?.name ?? (parent.loading ? 'another design' : 'an earlier design');
  return (
    <p>
      A remix of <Link to={`/designs/${lineage.parentProductId}`}>{name}</Link>
      {parent.data && <> by {creatorNameOf(parent.data)}</>}. {percent(lineage.parentShareBps)} of its royalty goes to the original's
      creator.
    </p>
  );
}

function percent(basisPoints: number): string {
  return `${basisPoints / 100} %`;
}
