import { messagingMigrations } from '@mogul/messaging';
import { CreateLedger1764500000000 } from './1764500000000-create-ledger';

/** The payouts schema plus the messaging tables (outbox, inbox) it writes to. */
export const payoutsMigrations = [...messagingMigrations, CreateLedger1764500000000];
