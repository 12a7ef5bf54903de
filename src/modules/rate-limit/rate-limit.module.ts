import { Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppLogger } from '../../common/logging/logger';
import { AppConfig } from '../../config/app-config';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit-store';
import { RateLimitGuard } from './rate-limit.guard';
import { RequestLimits } from './request-limits';

/**
 * Rate limits (docs/contract.md, Running), counted in memory, or in Redis when REDIS_URL is set so that every
 * instance enforces one limit.
 */
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [AppConfig, AppLogger],
      useFactory: async (config: AppConfig, logger: AppLogger): Promise<RateLimitStore> => {
        if (!config.redisUrl) return new MemoryRateLimitStore();
        // Loaded only where Redis counts: most of start-up is loading modules, and ioredis's take 40-60 ms.
        const { RedisRateLimitStore } = await import('./redis-rate-limit-store');
        return new RedisRateLimitStore(config.redisUrl, config.redisKeyPrefix, logger);
      },
    },
    RequestLimits,
  ],
  exports: [RateLimitStore, RequestLimits],
})
export class RateLimitModule {}

/**
 * The rate limits' guard, for every route, provided by the root module so that it runs before the guard of
 * any module it imports: a flood is refused before any token lookup. With both limits off it is not
 * installed at all: requests pay nothing for it.
 */
export function rateLimitGuard(config: AppConfig): Provider[] {
  const { readPerMinute, writePerMinute } = config.rateLimit;
  return readPerMinute > 0 || writePerMinute > 0 ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : [];
}
