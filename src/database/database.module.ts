import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppLogger } from '../common/logging/logger';
import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { databaseOf } from './database-of';
import { dataSourceOptions } from './data-source-options';
import { explainedConnectionFailure, POOLER_FOUND_AT_START, transactionPoolerFound } from './postgres/pooler-check';
import type { PostgresDatabase } from './postgres/postgres-database';

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
      dataSourceFactory: async (options) => {
        try {
          return await new DataSource(options!).initialize();
        } catch (error) {
          throw explainedConnectionFailure(error);
        }
      },
    }),
  ],
  providers: [
    {
      provide: Database,
      inject: [DataSource, AppConfig, AppLogger],
      useFactory: async (dataSource: DataSource, config: AppConfig, logger: AppLogger): Promise<Database> => {
        const database = await databaseOf(dataSource, config.database, (message) => logger.pino.error(message));
        // Named statements behind a transaction-mode pooler would fail nearly every request: better not to start.
        if (
          database.dialect === 'postgres' &&
          (database as PostgresDatabase).mode === 'none' &&
          (await transactionPoolerFound((database as PostgresDatabase).pool))
        ) {
          throw new Error(POOLER_FOUND_AT_START);
        }
        return database;
      },
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}
