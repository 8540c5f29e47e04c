import type { SessionReply, UserProfile } from '@mogul/contracts';

/**
 * Who is signed in. The refresh token is kept in localStorage so that a reload keeps the session;
 * the access token (15 minutes) lives in memory and in sessionStorage only. Every change is
 * announced to the subscribers (the app's header, pages that depend on roles).
 */
export interface Session {
  user: UserProfile;
  accessToken: string;
  refreshToken: string;
}

const REFRESH_KEY = 'mogul.refreshToken';
const ACCESS_KEY = 'mogul.accessToken';
const USER_KEY = 'mogul.user';

type Listener = (session: Session | undefined) => void;

let current: Session | undefined = restore();
/** Whether the last session ended because its refresh token was refused (not by signing out). */
let expired = false;
const listeners = new Set<Listener>();

function restore(): Session | undefined {
  try {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    const user = localStorage.getItem(USER_KEY);
    if (!refreshToken || !user) return undefined;
    return { refreshToken, user: JSON.parse(user) as UserProfile, accessToken: sessionStorage.getItem(ACCESS_KEY) ?? '' };
  } catch {
    return undefined;
  }
}

export function currentSession(): Session | undefined {
  return current;
}

export function setSession(signedIn: SessionReply | undefined, options: { expired?: boolean } = {}): void {
  expired = !signedIn && options.expired === true;
  current = signedIn
    ? { user: signedIn.user, accessToken: signedIn.tokens.accessToken, refreshToken: signedIn.tokens.refreshToken }
    : undefined;
  if (current) {
    localStorage.setItem(REFRESH_KEY, current.refreshToken);
    localStorage.setItem(USER_KEY, JSON.stringify(current.user));
    sessionStorage.setItem(ACCESS_KEY, current.accessToken);
  } else {
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(ACCESS_KEY);
  }
  for (const listener of listeners) listener(current);
}

export function sessionExpired(): boolean {
  return expired;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRole(role: string, session: Session | undefined = current): boolean {
  return session?.user.roles.includes(role as never) ?? false;
}
