import { NavLink, Route, Routes } from 'react-router';
import { ListingsSection } from './ListingsSection';
import { NewListingSection } from './NewListingSection';
import { OrdersSection } from './OrdersSection';

/** The merchant console: listings and their states, a new listing, and the orders to fulfil. */
export function MerchantPage() {
  return (
    <section aria-labelledby="merchant-title" className="console">
      <h1 id="merchant-title">Merchant console</h1>
      <nav aria-label="Merchant console" className="sub-nav">
        <ul>
          <li>
            <NavLink to="/merchant" end>
              My listings
            </NavLink>
          </li>
          <li>
            <NavLink to="/merchant/listings/new">New listing</NavLink>
          </li>
          <li>
            <NavLink to="/merchant/orders">Orders to fulfil</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<ListingsSection />} />
        <Route path="listings/new" element={<NewListingSection />} />
        <Route path="orders" element={<OrdersSection />} />
        <Route path="*" element={<p>That part of the merchant console does not exist.</p>} />
      </Routes>
    </section>
  );
}
