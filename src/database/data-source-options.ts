import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { InitialSchema1764144000000 } from './migrations/1764144000000-InitialSchema';
import { UsersListingOrderIndex1764230400000 } from './migrations/1764230400000-UsersListingOrderIndex';
import { MachineIdentities1765100000000 } from './migrations/1765100000000-MachineIdentities';
import { Scim1765200000000 } from './migrations/1765200000000-Scim';
import { UsersSearchIndexes1765300000000 } from './migrations/1765300000000-UsersSearchIndexes';
import { postgresDataSourceOptions } from './postgres/postgres-options';

/** Every migration, in order. Listed, not globbed, so that ts-node, jest and the build agree. */
export const MIGRATIONS = [
  InitialSchema1764144000000,
  UsersListingOrderIndex1764230400000,
  MachineIdentities1765100000000,
  Scim1765200000000,
  UsersSearchIndexes1765300000000,
];

/**
 * Settings of every SQLite connection: TypeORM's, which migrates, and the one requests run on. WAL lets
 * a reader and the writer work at once; NORMAL syncs at checkpoints, not at each commit.
 */
export function sqlitePragmas(inMemory: boolean): string[] {
  return [...(inMemory ? [] : ['journal_mode = WAL']), 'synchronous = NORMAL', 'busy_timeout = 5000', 'foreign_keys = ON'];
}

/** The one source of DataSource options for the app, the CLI, the migrations and the tests. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.type === 'postgres') return postgresDataSourceOptions(database, MIGRATIONS);
  const inMemory = database.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(database.path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: database.path,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      for (const pragma of sqlitePragmas(inMemory)) db.pragma(pragma);
    },
  };
}
