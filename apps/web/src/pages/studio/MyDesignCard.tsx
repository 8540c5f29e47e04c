import type { ProductView } from '@mogul/contracts';
import { Facts } from '../../ui/Facts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { ProblemMessage } from '../../ui/forms';
import { FlagSummary } from '../../ui/FlagSummary';
import { Money } from '../../ui/Money';
import { designsApi } from './studio-api';

const STATUS_LABELS: Record<ProductView['status'], string> = {
  draft: 'Draft',
  published: 'Published',
  withdrawn: 'Withdrawn',
  rejected: 'Rejected',
};

/** One of my designs: where it stands, and what I can do with it now. */
export function MyDesignCard(props: { design: ProductView; onChange: (design: ProductView) => void }) {
  const { design, onChange } = props;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const act = async (action: (id: string) => Promise<ProductView>) => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      onChange(await action(design.id));
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };
  const canPublish = design.status === 'draft' || design.status === 'withdrawn';
  return (
    <li className="card my-design">
      <h2>
        <Link to={`/designs/${design.id}`}>{design.name}</Link>
      </h2>
      <p>
        <span className={`status status-${design.status}`}>{STATUS_LABELS[design.status] ?? design.status}</span>
        {design.rejectionReason && <span> — {design.rejectionReason}</span>}
      </p>
      {design.flags && design.flags.open > 0 && <FlagSummary flags={design.flags} />}
      <Facts
        items={[
          ['Price', <Money key="price" value={design.unitPrice} />],
          ['Royalty', <Money key="royalty" value={design.royaltyPerUnit} />],
          ['Votes', design.votes],
          ['Units sold', design.unitsOrdered],
        ]}
      />
      <div className="row card-actions">
        {design.status === 'draft' && (
          <Link className="button secondary" to={`/studio/${design.id}/edit`}>
            Edit<span className="visually-hidden"> {design.name}</span>
          </Link>
        )}
        {canPublish && (
          <button type="button" onClick={() => void act(designsApi.publish)} aria-disabled={busy}>
            Publish<span className="visually-hidden"> {design.name}</span>
          </button>
        )}
        {design.status === 'published' && (
          <button type="button" className="secondary" onClick={() => void act(designsApi.withdraw)} aria-disabled={busy}>
            Withdraw<span className="visually-hidden"> {design.name}</span>
          </button>
        )}
      </div>
      <ProblemMessage problem={problem} />
    </li>
  );
}
