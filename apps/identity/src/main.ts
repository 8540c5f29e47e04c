import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { createIdentityApp } from './bootstrap';
import { IdentityConfig } from './config';

async function main(): Promise<void> {
  let config: IdentityConfig;
  try {
    config = loadConfig(IdentityConfig);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`identity: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  await createIdentityApp(config);
}

main().catch((error: unknown) => {
  console.error('identity failed to start', error);
  process.exit(1);
});
