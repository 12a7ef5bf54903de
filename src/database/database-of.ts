import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { Database } from './database';
import type { ReportProblem } from './postgres/postgres-database';
import { SqliteDatabase } from './sqlite/sqlite-database';

/**
 * The driver connection behind a DataSource, wrapped for prepared statements; `report` hears what the operator must fix.
 * The PostgreSQL side, and pg with it, is loaded only for PostgreSQL: most of a start-up is loading modules.
 */
export async function databaseOf(dataSource: DataSource, config: DatabaseConfig, report?: ReportProblem): Promise<Database> {
  if (config.type === 'postgres') {
    const { PostgresDatabase } = await import('./postgres/postgres-database');
    return new PostgresDatabase((dataSource.driver as unknown as { master: Pool }).master, config.pooler, report);
  }
  return SqliteDatabase.serving((dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection);
}
