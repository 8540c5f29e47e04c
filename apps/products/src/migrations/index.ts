import { messagingMigrations } from '@mogul/messaging';
import { CreateProjections1764300000000 } from './1764300000000-create-projections';
import { CreateProducts1764300001000 } from './1764300001000-create-products';
import { ProductsFitListing1764300002000 } from './1764300002000-products-fit-listing';
import { ProductFlags1769200000000 } from './1769200000000-product-flags';

/** The products schema plus the messaging tables (outbox, inbox) it writes to. */
export const productsMigrations = [
  ...messagingMigrations,
  CreateProjections1764300000000,
  CreateProducts1764300001000,
  ProductsFitListing1764300002000,
  ProductFlags1769200000000,
];
