import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { createGatewayApp } from './bootstrap';
import { GatewayConfig } from './config';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(GatewayConfig);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gateway: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createGatewayApp(config);
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error('gateway failed to start', error);
  process.exit(1);
});
