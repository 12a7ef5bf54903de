import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseOf } from '../../src/database/database-of';
import type { SqliteDatabase } from '../../src/database/sqlite/sqlite-database';

export interface MigratedSqlite {
  readonly database: SqliteDatabase;
  /** Stops the worker and closes the migrating connection. */
  close(): Promise<void>;
}

/**
 * A SQLite database migrated as the service migrates it, served as the service serves it: in memory,
 * or on the file at `path`, where the main thread reads too (`Database.queryAtOnce`).
 */
export async function migratedSqlite(path = ':memory:'): Promise<MigratedSqlite> {
  const config = { type: 'sqlite', path, embeddedDefault: false } as const;
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
