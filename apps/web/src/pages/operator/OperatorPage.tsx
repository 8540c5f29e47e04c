import { NavLink, Route, Routes } from 'react-router';
import { GrantRoleSection } from './GrantRoleSection';
import { ModerationSection } from './ModerationSection';
import { PayoutRunSection } from './PayoutRunSection';

/** The operator console: moderation of published designs, roles for users, and payout runs. */
export function OperatorPage() {
  return (
    <section aria-labelledby="operator-title" className="console">
      <h1 id="operator-title">Operator console</h1>
      <nav aria-label="Operator console" className="sub-nav">
        <ul>
          <li>
            <NavLink to="/operator" end>
              Moderation
            </NavLink>
          </li>
          <li>
            <NavLink to="/operator/roles">Roles</NavLink>
          </li>
          <li>
            <NavLink to="/operator/payouts">Payout runs</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<ModerationSection />} />
        <Route path="roles" element={<GrantRoleSection />} />
        <Route path="payouts" element={<PayoutRunSection />} />
        <Route path="*" element={<p>That part of the operator console does not exist.</p>} />
      </Routes>
    </section>
  );
}
