import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { STATEMENT_TIMEOUT_MS } from './statement-timeout';

/**
 * The DataSource options of a PostgreSQL database. Directly, the statement timeout is a start-up
 * parameter of each connection; a transaction-mode pooler refuses those, so there it comes with each
 * transaction instead (see PostgresDatabase). The read timeout is the client's own backstop.
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
      ...(database.pooler === 'none' ? { statement_timeout: STATEMENT_TIMEOUT_MS } : {}),
      query_timeout: STATEMENT_TIMEOUT_MS + 1000,
    },
  };
}
