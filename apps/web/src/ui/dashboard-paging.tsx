import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../api/problem';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorPages<T> {
  items: T[];
  loading: boolean;
  error?: ApiProblem | Error;
  /** Whether the first page has come. */
  loaded: boolean;
  hasMore: boolean;
  /** Appends the next page. */
  more: () => void;
  /** Reads the first page again, keeping what is shown until it comes. */
  reload: () => void;
  /** Changes the items shown, e.g. to put in one that an action answered. */
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A list the API pages by cursor: the first page when `deps` change, the next one on `more`.
 * The latest request wins; the earlier one is aborted.
 */
export function useCursorPages<T>(
  load: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>,
  deps: unknown[],
): CursorPages<T> {
  const [state, setState] = useState<{ items: T[]; next: string | null; loading: boolean; loaded: boolean; error?: Error }>({
    items: [],
    next: null,
    loading: true,
    loaded: false,
  });
  const loadRef = useRef(load);
  const inFlight = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    loadRef.current = load;
  });

  const fetchPage = useCallback((cursor: string | undefined) => {
    inFlight.current?.abort();
    const abort = (inFlight.current = new AbortController());
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadRef.current(cursor, abort.signal).then(
      (page) =>
        !abort.signal.aborted &&
        setState((s) => ({
          items: cursor ? [...s.items, ...page.items] : page.items,
          next: page.nextCursor,
          loading: false,
          loaded: true,
        })),
      (error: Error) => !abort.signal.aborted && setState((s) => ({ ...s, loading: false, error })),
    );
  }, []);

  useEffect(() => {
    fetchPage(undefined);
    return () => inFlight.current?.abort();
  }, deps);

  return {
    items: state.items,
    loading: state.loading,
    loaded: state.loaded,
    error: state.error,
    hasMore: state.next !== null,
    more: () => state.next && fetchPage(state.next),
    reload: () => fetchPage(undefined),
    update: (change) => setState((s) => ({ ...s, items: change(s.items) })),
  };
}

/** The button under a paged list, while there is more. */
export function ShowMore(props: { pages: Pick<CursorPages<unknown>, 'hasMore' | 'loading' | 'more'>; label: string }) {
  if (!props.pages.hasMore) return null;
  return (
    <p>
      <button type="button" className="secondary" onClick={props.pages.more} disabled={props.pages.loading}>
        {props.pages.loading ? 'Loading…' : props.label}
      </button>
    </p>
  );
}
