import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { hasRole, sessionExpired } from '../api/session';
import { useSession } from './hooks';

/** A page for signed-in callers (with `role`, when given): others go to sign-in, or are told why not. */
export function RequireRole(props: { role?: string; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?${sessionExpired() ? 'expired=1&' : ''}next=${next}`} replace />;
  }
  if (props.role && !hasRole(props.role, session)) {
    return (
      <section aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">Not for your account</h1>
        <p role="alert">This page needs the {props.role} role, which your account does not have.</p>
      </section>
    );
  }
  return <>{props.children}</>;
}
