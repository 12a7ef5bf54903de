import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseOf } from '../../src/database/database-of';
import type { SqliteDatabase } from '../../src/database/sqlite/sqlite-database';

export interface InMemorySqlite {
  readonly database: SqliteDatabase;
  /** Stops the worker and closes the migrating connection. */
  close(): Promise<void>;
}

/** An in-memory SQLite database migrated as the service migrates it, served as the service serves it. */
export async function inMemorySqlite(): Promise<InMemorySqlite> {
  const config = { type: 'sqlite', path: ':memory:', embeddedDefault: false } as const;
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  await dataSource.runMigrations();
  const database = (await databaseOf(dataSource, config)) as SqliteDatabase;
  return {
    database,
    close: async () => {
      await database.onApplicationShutdown();
      await dataSource.destroy();
    },
  };
}
