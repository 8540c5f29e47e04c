import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { migrateProducts } from './bootstrap';
import { ProductsDatabaseConfig } from './config';

/** Runs the products service's pending migrations against DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig(ProductsDatabaseConfig);
  const ran = await migrateProducts(config);
  console.log(ran.length > 0 ? `products: ran ${ran.join(', ')}` : 'products: schema is up to date');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `products: ${error.message}` : error);
    process.exit(1);
  },
);
