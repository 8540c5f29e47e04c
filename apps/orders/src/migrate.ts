import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { migrateOrders } from './bootstrap';
import { OrdersDatabaseConfig } from './config';

/** Runs the orders service's pending migrations against DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig(OrdersDatabaseConfig);
  const ran = await migrateOrders(config);
  console.log(ran.length > 0 ? `orders: ran ${ran.join(', ')}` : 'orders: schema is up to date');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `orders: ${error.message}` : error);
    process.exit(1);
  },
);
