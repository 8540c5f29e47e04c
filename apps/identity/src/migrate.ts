import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { migrateIdentity } from './bootstrap';
import { IdentityDatabaseConfig } from './config';

/** Runs identity's pending migrations against DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig(IdentityDatabaseConfig);
  const ran = await migrateIdentity(config);
  console.log(ran.length > 0 ? `identity: ran ${ran.join(', ')}` : 'identity: schema is up to date');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `identity: ${error.message}` : error);
    process.exit(1);
  },
);
