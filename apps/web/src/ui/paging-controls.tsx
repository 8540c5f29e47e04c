import { ProblemMessage } from './forms';
import { ListProgress } from './paging';

/** What a list says before its first page, or when it is empty: `Loading designs…`, `No designs yet.` */
export function ListState(props: { list: ListProgress; loadingText: string; emptyText: string }) {
  const { list } = props;
  if (list.loading && list.items.length === 0) return <p role="status">{props.loadingText}</p>;
  if (!list.loading && !list.error && list.items.length === 0) return <p className="muted">{props.emptyText}</p>;
  return null;
}

/**
 * The end of a list: what went wrong, and a "More" button while there are further pages. The
 * button stays enabled (and focused) while the next page comes; a second press is ignored.
 */
export function MoreButton(props: { list: ListProgress; label?: string }) {
  const { list } = props;
  return (
    <div className="paging">
      <ProblemMessage problem={list.error} />
      {list.hasMore && (
        <button type="button" className="secondary" onClick={list.loadMore} aria-disabled={list.loadingMore}>
          {props.label ?? 'More'}
        </button>
      )}
      {list.loadingMore && (
        <span role="status" className="muted">
          Loading more…
        </span>
      )}
    </div>
  );
}
