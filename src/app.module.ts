import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ErrorEnvelopeFilter } from './common/errors/error-envelope.filter';
import { GracefulShutdown } from './common/pipeline/graceful-shutdown';
import { createValidationPipe } from './common/errors/validation.pipe';
import type { AppLogger } from './common/logging/logger';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { GroupsModule } from './modules/groups/groups.module';
import { IdentityModule } from './modules/identity/identity.module';
import { ObservabilityModule } from './modules/observability/observability.module';
import { RateLimitModule, rateLimitGuard } from './modules/rate-limit/rate-limit.module';
import { ScimModule } from './modules/scim/scim.module';
import { StatusController } from './modules/status/status.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      // Configuration, logging and the database are global; every other module imports what it uses.
      imports: [
        ConfigModule.forRoot(config, logger),
        DatabaseModule,
        RateLimitModule,
        IdentityModule,
        GroupsModule,
        AuditModule,
        ScimModule,
        ObservabilityModule.forRoot(config),
      ],
      controllers: [StatusController],
      providers: [
        ...rateLimitGuard(config),
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        GracefulShutdown,
      ],
    };
  }
}
