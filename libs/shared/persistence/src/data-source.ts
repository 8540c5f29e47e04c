import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

export interface ServiceDataSourceOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The service name, reported to PostgreSQL as application_name. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  logging?: boolean;
}

/**
 * The one way a service builds its DataSource: snake_case names, migrations in a per-service
 * history table, and never `synchronize`.
 */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.service,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: options.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: { max: options.poolSize ?? 10 },
  };
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}

/** Runs pending migrations; returns the names of those it ran. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const initialised = dataSource.isInitialized;
  if (!initialised) await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    if (!initialised) await dataSource.destroy();
  }
}
