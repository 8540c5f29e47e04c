import { messagingMigrations } from '@mogul/messaging';
import { CreateLedger1764500000000 } from './1764500000000-create-ledger';
import { CreateUserNames1767000000000 } from './1767000000000-create-user-names';

/** The payouts schema plus the messaging tables (outbox, inbox) it writes to. */
export const payoutsMigrations = [...messagingMigrations, CreateLedger1764500000000, CreateUserNames1767000000000];
