import { messagingMigrations } from '@mogul/messaging';
import { CreateOrders1764400000000 } from './1764400000000-create-orders';
import { CheckoutOrderIds1764500000000 } from './1764500000000-checkout-order-ids';
import { ProductsFitListing1764600000000 } from './1764600000000-products-fit-listing';
import { ProductsHidden1769200000000 } from './1769200000000-products-hidden';
import { StoredAnswerJsonText1769400000000 } from './1769400000000-stored-answer-json-text';

/** The orders schema plus the messaging tables (outbox, inbox) it writes to. */
export const ordersMigrations = [
  ...messagingMigrations,
  CreateOrders1764400000000,
  CheckoutOrderIds1764500000000,
  ProductsFitListing1764600000000,
  ProductsHidden1769200000000,
  StoredAnswerJsonText1769400000000,
];
