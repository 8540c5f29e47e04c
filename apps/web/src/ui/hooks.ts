import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiProblem } from '../api/problem';
import { currentSession, onSessionChange, Session } from '../api/session';

/** The signed-in session, re-rendering when it changes. */
export function useSession(): Session | undefined {
  return useSyncExternalStore(onSessionChange, currentSession);
}

export interface Loaded<T> {
  data?: T;
  error?: ApiProblem | Error;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when its dependencies change (and on `reload`), keeping the last answer while the next one comes. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem | Error; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(abort.signal).then(
      (data) => !abort.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !abort.signal.aborted && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
    return () => abort.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
