import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { STARTUP_OPTIONS, STATEMENT_TIMEOUT_MS } from './connection-settings';

/**
 * The DataSource options of a PostgreSQL database. Directly, the connection settings (the statement
 * timeout, JIT off) are start-up options of each connection; a transaction-mode pooler refuses those, so
 * there they come with each transaction instead (see PostgresDatabase). The read timeout is the client's own backstop.
 */
export function postgresDataSourceOptions(
  database: Extract<DatabaseConfig, { type: 'postgres' }>,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: database.poolSize,
      connectionTimeoutMillis: 3000,
      ...(database.pooler === 'none' ? { options: STARTUP_OPTIONS } : {}),
      query_timeout: STATEMENT_TIMEOUT_MS + 1000,
    },
  };
}
