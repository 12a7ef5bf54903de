import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { dataSourceOptions } from './data-source-options';
import { PostgresDatabase } from './postgres/postgres-database';
import { SqliteDatabase } from './sqlite-database';

/** Opens the database, brings its schema up to date with the migrations, and offers `Database`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        migrationsRun: true,
        // Fail fast at start: a database that is not there is a configuration problem.
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [
    {
      provide: Database,
      inject: [DataSource],
      useFactory: (dataSource: DataSource): Database => databaseOf(dataSource),
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}

/** The driver connection behind a DataSource, wrapped for prepared statements. */
export function databaseOf(dataSource: DataSource): Database {
  if (dataSource.options.type === 'postgres') {
    return new PostgresDatabase((dataSource.driver as unknown as { master: Pool }).master);
  }
  return SqliteDatabase.serving((dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection);
}
