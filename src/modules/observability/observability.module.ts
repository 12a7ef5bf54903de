import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import type { PostgresDatabase } from '../../database/postgres/postgres-database';
import { HttpMetrics } from './http-metrics';
import { MetricsController, PublicMetricsController } from './metrics.controller';

/** Prometheus metrics at `GET /metrics`; the request log line and its metrics are written by `observeRequests`. */
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [config.metricsPublic ? PublicMetricsController : MetricsController],
      providers: [
        {
          provide: HttpMetrics,
          inject: [Database],
          useFactory: (database: Database) => {
            const metrics = new HttpMetrics();
            metrics.watchPreparedStatements(() => database.preparedStatements);
            if (database.dialect === 'postgres') metrics.watchPool(() => (database as PostgresDatabase).poolUse());
            return metrics;
          },
        },
      ],
      exports: [HttpMetrics],
    };
  }
}
