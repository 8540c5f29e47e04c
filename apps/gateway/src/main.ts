import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createGatewayApp } from './bootstrap';
import { GatewayConfig } from './config';

runService('gateway', GatewayConfig, async (config) => {
  const app = await createGatewayApp(config);
  app.enableShutdownHooks();
});
