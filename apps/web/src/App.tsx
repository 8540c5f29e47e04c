import { createBrowserRouter, Link, RouterProvider } from 'react-router';
import { whenSessionEnds } from './api/client';
import { SignInPage } from './pages/auth/SignInPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { LeaderboardPage } from './pages/leaderboard/LeaderboardPage';
import { MerchantPage } from './pages/merchant/MerchantPage';
import { OperatorPage } from './pages/operator/OperatorPage';
import { DesignPage } from './pages/shop/DesignPage';
import { MyOrdersPage } from './pages/shop/MyOrdersPage';
import { ShopPage } from './pages/shop/ShopPage';
import { StudioPage } from './pages/studio/StudioPage';
import { Layout } from './ui/Layout';
import { RequireRole } from './ui/RequireRole';

function NotFound() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Nothing here</h1>
      <p>
        That page does not exist. <Link to="/">Back to the shop</Link>.
      </p>
    </section>
  );
}

/** The pages; the gateway answers each of these paths with the app (see apps/gateway/src/web). */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <ShopPage /> },
      { path: '/designs/:id', element: <DesignPage /> },
      { path: '/leaderboard', element: <LeaderboardPage /> },
      { path: '/signin', element: <SignInPage /> },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/orders', element: <RequireRole children={<MyOrdersPage />} /> },
      { path: '/studio/*', element: <RequireRole role="creator" children={<StudioPage />} /> },
      { path: '/dashboard', element: <RequireRole role="creator" children={<DashboardPage />} /> },
      { path: '/merchant/*', element: <RequireRole role="merchant" children={<MerchantPage />} /> },
      { path: '/operator/*', element: <RequireRole role="operator" children={<OperatorPage />} /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

// A refresh token that is refused ends the session: back to sign-in, then to where the user was.
whenSessionEnds(() => {
  const { pathname, search } = window.location;
  void router.navigate(`/signin?expired=1&next=${encodeURIComponent(pathname + search)}`);
});

export function App() {
  return <RouterProvider router={router} />;
}
