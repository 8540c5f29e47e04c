import { messagingMigrations } from '@mogul/messaging';
import { CreateOrders1764400000000 } from './1764400000000-create-orders';

/** The orders schema plus the messaging tables (outbox, inbox) it writes to. */
export const ordersMigrations = [...messagingMigrations, CreateOrders1764400000000];
