import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, refreshSession } from '../api/client';
import { currentSession, hasRole, setSession } from '../api/session';
import { useSession } from './hooks';

/** The frame of every page: a skip link, the navigation the caller's roles allow, the page. */
export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    const refreshToken = currentSession()?.refreshToken;
    if (refreshToken) await api.post('/auth/logout', { refreshToken }).catch(() => undefined);
    setSession(undefined);
    navigate('/');
  };
  // A creator role takes effect in the next access token: refresh at once so the studio opens.
  const becomeCreator = async () => {
    await api.post('/me/creator');
    await refreshSession();
    navigate('/studio');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Mogul
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Shop
              </NavLink>
            </li>
            <li>
              <NavLink to="/leaderboard">Leaderboard</NavLink>
            </li>
            {session && (
              <li>
                <NavLink to="/orders">My orders</NavLink>
              </li>
            )}
            {hasRole('creator', session) && (
              <>
                <li>
                  <NavLink to="/studio">Studio</NavLink>
                </li>
                <li>
                  <NavLink to="/dashboard">Dashboard</NavLink>
                </li>
              </>
            )}
            {hasRole('merchant', session) && (
              <li>
                <NavLink to="/merchant">Merchant</NavLink>
              </li>
            )}
            {hasRole('operator', session) && (
              <li>
                <NavLink to="/operator">Operator</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="account">
          {session ? (
            <>
              <span className="who">{session.user.displayName}</span>
              {!hasRole('creator', session) && (
                <button type="button" className="secondary" onClick={() => void becomeCreator()}>
                  Become a creator
                </button>
              )}
              <button type="button" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/signin">Sign in</NavLink>
              <NavLink to="/signup" className="button">
                Sign up
              </NavLink>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
