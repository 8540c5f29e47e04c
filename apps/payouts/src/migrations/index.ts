import { messagingMigrations } from '@mogul/messaging';
import { CreateLedger1764500000000 } from './1764500000000-create-ledger';
import { CreateUserNames1767000000000 } from './1767000000000-create-user-names';
import { CreateCharityGiving1769000000000 } from './1769000000000-create-charity-giving';
import { CreateWeeklyPrize1769100000000 } from './1769100000000-create-weekly-prize';
import { ProductsOnShow1769300000000 } from './1769300000000-products-on-show';

/** The payouts schema plus the messaging tables (outbox, inbox) it writes to. */
export const payoutsMigrations = [
  ...messagingMigrations,
  CreateLedger1764500000000,
  CreateUserNames1767000000000,
  CreateCharityGiving1769000000000,
  CreateWeeklyPrize1769100000000,
  ProductsOnShow1769300000000,
];
