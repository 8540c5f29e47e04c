import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { migrateListings } from './bootstrap';
import { ListingsDatabaseConfig } from './config';

/** Runs the listings service's pending migrations against DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig(ListingsDatabaseConfig);
  const ran = await migrateListings(config);
  console.log(ran.length > 0 ? `listings: ran ${ran.join(', ')}` : 'listings: schema is up to date');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `listings: ${error.message}` : error);
    process.exit(1);
  },
);
