import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../api/problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Where a list stands, whatever it holds: what the list controls need. */
export interface ListProgress {
  items: readonly unknown[];
  /** True until the first page has come (and while a reload brings it again). */
  loading: boolean;
  /** Whether a first page has come at all (a reload keeps the list shown meanwhile). */
  loaded: boolean;
  /** True while the next page is on its way. */
  loadingMore: boolean;
  error?: ApiProblem | Error;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

export interface PagedList<T> extends ListProgress {
  items: T[];
  /** Changes the items shown, e.g. to put in one that an action returned, or to drop one. */
  update: (change: (items: T[]) => T[]) => void;
}

interface State<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  loadingMore: boolean;
  error?: ApiProblem | Error;
}

/**
 * A cursor-paginated list, the one way every page of the app pages: the first page whenever `deps`
 * change (or on `reload`), the next one appended on `loadMore`. A page for filters that have since
 * changed is dropped.
 */
export function usePagedList<T>(
  load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  deps: unknown[],
): PagedList<T> {
  const [state, setState] = useState<State<T>>({ items: [], nextCursor: null, loading: true, loaded: false, loadingMore: false });
  const [generation, setGeneration] = useState(0);
  const current = useRef<AbortController | undefined>(undefined);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const abort = new AbortController();
    current.current = abort;
    setState((previous) => ({ ...previous, loading: true, loadingMore: false, error: undefined }));
    loadRef.current(undefined, abort.signal).then(
      (page) =>
        !abort.signal.aborted &&
        setState({ items: page.items, nextCursor: page.nextCursor, loading: false, loaded: true, loadingMore: false }),
      (error: Error) =>
        !abort.signal.aborted && setState({ items: [], nextCursor: null, loading: false, loaded: false, loadingMore: false, error }),
    );
    return () => abort.abort();
  }, [...deps, generation]);

  const loadMore = useCallback(() => {
    const abort = current.current;
    if (!abort || !state.nextCursor || state.loadingMore) return;
    setState((previous) => ({ ...previous, loadingMore: true, error: undefined }));
    loadRef.current(state.nextCursor, abort.signal).then(
      (page) =>
        !abort.signal.aborted &&
        setState((previous) => ({
          ...previous,
          items: [...previous.items, ...page.items],
          nextCursor: page.nextCursor,
          loadingMore: false,
        })),
      (error: Error) => !abort.signal.aborted && setState((previous) => ({ ...previous, loadingMore: false, error })),
    );
  }, [state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (items: T[]) => T[]) => setState((previous) => ({ ...previous, items: change(previous.items) })), []);

  return {
    items: state.items,
    loading: state.loading,
    loaded: state.loaded,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.nextCursor !== null,
    loadMore,
    reload,
    update,
  };
}
