import { messagingMigrations } from '@mogul/messaging';
import { CreateUsers1764150000000 } from './1764150000000-create-users';
import { CreateRefreshTokens1764150001000 } from './1764150001000-create-refresh-tokens';

/** Identity's schema plus the messaging tables (outbox) it writes to. */
export const identityMigrations = [...messagingMigrations, CreateUsers1764150000000, CreateRefreshTokens1764150001000];
