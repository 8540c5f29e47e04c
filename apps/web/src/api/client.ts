import type { SessionReply } from '@mogul/contracts';
import { ApiProblem, problemOf } from './problem';
import { currentSession, setSession } from './session';

export const API = '/api/v1';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Send the request without the caller's token even when signed in. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

/** Called when the session has ended for good (the refresh token was refused): the app goes to sign-in. */
let sessionEnded: () => void = () => undefined;
export function whenSessionEnds(handler: () => void): void {
  sessionEnded = handler;
}

let refreshing: Promise<boolean> | undefined;

/** Trades the refresh token for new tokens, once at a time however many requests found the access token stale. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = currentSession();
    if (!session) return false;
    const response = await fetch(`${API}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!response.ok) {
      setSession(undefined, { expired: true });
      sessionEnded();
      return false;
    }
    setSession((await response.json()) as SessionReply);
    return true;
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return `${API}${path}${search ? `?${search}` : ''}`;
}

/** One call of the public API: JSON in and out, the caller's token attached, refreshed quietly once when stale. */
export async function requestRaw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const send = () => {
    const token = options.anonymous ? undefined : currentSession()?.accessToken;
    return fetch(urlOf(path, options.query), {
      method,
      signal: options.signal,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  };
  let response = await send();
  if (response.status === 401 && !options.anonymous && currentSession() && (await refreshSession())) response = await send();
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await requestRaw(method, path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
};

export { ApiProblem };

/** A new Idempotency-Key for a write the user may retry (an order). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
