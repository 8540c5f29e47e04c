import { messagingMigrations } from '@mogul/messaging';
import { CreateListings1764160000000 } from './1764160000000-create-listings';
import { CreateKnownUsers1764160001000 } from './1764160001000-create-known-users';

/** The listings schema plus the messaging tables (outbox, inbox) it writes to. */
export const listingsMigrations = [...messagingMigrations, CreateListings1764160000000, CreateKnownUsers1764160001000];
