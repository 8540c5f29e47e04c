import type { ModerationQueueItem, ModerationQueuePage, ProductView } from '@mogul/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { usePagedList } from '../../ui/paging';
import { MoreButton } from '../../ui/paging-controls';
import { FlagSummary } from '../../ui/FlagSummary';
import { ProblemMessage } from '../../ui/forms';
import { RejectForm } from './RejectForm';

/**
 * Reported designs, most reported first. Dismissing the reports shows a hidden design in the shop
 * again; rejecting the design upholds them, and its creator sees the reason.
 */
export function ReportsSection() {
  const [rejecting, setRejecting] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<Error>();
  const queue = usePagedList(
    (cursor, signal) => api.get<ModerationQueuePage>('/moderation/products', { query: { limit: 25, cursor }, signal }),
    [],
  );
  const decided = (design: ProductView, what: string) => {
    queue.update((items) => items.filter((item) => item.product.id !== design.id));
    setRejecting(undefined);
    setNotice(what);
  };
  const dismiss = async (item: ModerationQueueItem) => {
    if (busy) return;
    setBusy(item.product.id);
    setProblem(undefined);
    try {
      const design = await api.post<ProductView>(`/moderation/products/${item.product.id}/dismiss`);
      decided(design, `The reports of “${design.name}” were dismissed; it shows in the shop again.`);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">Reported designs</h2>
      <p className="muted">
        Designs people reported, most reported first. Enough reports hide a design from the shop until you decide: dismiss the reports, or
        reject the design with a reason its creator reads.
      </p>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      <ProblemMessage problem={problem} />
      {!queue.loaded && queue.loading && <p aria-busy="true">Loading reported designs…</p>}
      {queue.loaded && queue.items.length === 0 && <p className="muted">No reported designs to review.</p>}
      {queue.items.length > 0 && (
        <ul className="cards reports">
          {queue.items.map((item) => (
            <li key={item.product.id} className="card report-item">
              <h3>
                <Link to={`/designs/${item.product.id}`}>{item.product.name}</Link>
              </h3>
              <p className="muted">
                by {item.product.creatorName ?? <code>{item.product.creatorId.slice(0, 8)}</code>} · {item.product.status}
              </p>
              <FlagSummary flags={item.flags} />
              <div className="row card-actions">
                <button type="button" onClick={() => void dismiss(item)} aria-disabled={busy === item.product.id}>
                  Dismiss reports<span className="visually-hidden"> of {item.product.name}</span>
                </button>
                {item.product.status === 'published' && (
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={rejecting === item.product.id}
                    onClick={() => setRejecting(rejecting === item.product.id ? undefined : item.product.id)}
                  >
                    Reject<span className="visually-hidden"> {item.product.name}</span>
                  </button>
                )}
              </div>
              {rejecting === item.product.id && (
                <RejectForm
                  design={item.product}
                  onRejected={(design) => decided(design, `“${design.name}” was rejected; its creator sees the reason.`)}
                  onCancel={() => setRejecting(undefined)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={queue} label="Show more reported designs" />
    </section>
  );
}
