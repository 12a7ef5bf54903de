import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppLogger } from '../../common/logging/logger';
import type { AppConfig } from '../../config/app-config';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit-store';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/**
 * Rate limits (docs/contract.md, Running), counted in memory, or in Redis when REDIS_URL is set so that every
 * instance enforces one limit. Imported before the identity module: its guard runs before the token
 * is looked up, so a flood costs no database work.
 */
@Global()
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { readPerMinute, writePerMinute } = config.rateLimit;
    return {
      module: RateLimitModule,
      providers: [
        {
          provide: RateLimitStore,
          inject: [AppLogger],
          useFactory: (logger: AppLogger): RateLimitStore =>
            config.redisUrl ? new RedisRateLimitStore(config.redisUrl, config.redisKeyPrefix, logger) : new MemoryRateLimitStore(),
        },
        // With both limits off the guard is not installed at all: requests pay nothing for it.
        ...(readPerMinute > 0 || writePerMinute > 0 ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : []),
      ],
      exports: [RateLimitStore],
    };
  }
}
