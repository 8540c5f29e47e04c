import { NavLink, Route, Routes } from 'react-router';
import { CharitiesSection } from './CharitiesSection';
import { GrantRoleSection } from './GrantRoleSection';
import { ModerationSection } from './ModerationSection';
import { PayoutRunSection } from './PayoutRunSection';
import { ReportsSection } from './ReportsSection';
import { PrizeSection } from './PrizeSection';

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
            <NavLink to="/operator/reports">Reported designs</NavLink>
          </li>
          <li>
            <NavLink to="/operator/roles">Roles</NavLink>
          </li>
          <li>
            <NavLink to="/operator/payouts">Payout runs</NavLink>
          </li>
          <li>
            <NavLink to="/operator/prize">Weekly prize</NavLink>
          </li>
          <li>
            <NavLink to="/operator/charities">Charities</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<ModerationSection />} />
        <Route path="reports" element={<ReportsSection />} />
        <Route path="roles" element={<GrantRoleSection />} />
        <Route path="payouts" element={<PayoutRunSection />} />
        <Route path="prize" element={<PrizeSection />} />
        <Route path="charities" element={<CharitiesSection />} />
        <Route path="*" element={<p>That part of the operator console does not exist.</p>} />
      </Routes>
    </section>
  );
}
