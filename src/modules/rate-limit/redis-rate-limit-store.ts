import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppLogger } from '../../common/logging/logger';
import { MemoryRateLimitStore, RateLimitStore, type WindowHit } from './rate-limit-store';

/** INCR and, on a window's first hit, its expiry: one round trip, atomic for every instance. */
const HIT_WINDOW = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type RedisWithHitWindow = Redis & { hitWindow(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Counters shared by every instance through Redis. While Redis is away each instance counts alone in
 * memory: the limits loosen to one allowance per instance instead of vanishing, and no request waits.
 */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: RedisWithHitWindow;
  private readonly local = new MemoryRateLimitStore();
  private reachable = true;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly logger: AppLogger,
  ) {
    super();
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 }) as RedisWithHitWindow;
    this.redis.defineCommand('hitWindow', { numberOfKeys: 1, lua: HIT_WINDOW });
    // Reconnection is ioredis's own; only the change of state is worth a log line.
    this.redis.on('error', (error: Error) => this.lost(error));
    this.redis.on('ready', () => {
      if (!this.reachable) this.logger.pino.info('Redis reachable again: rate limits are shared');
      this.reachable = true;
    });
  }

  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch((error: Error) => this.lost(error));
  }

  async hit(key: string, windowMs: number): Promise<WindowHit> {
    if (this.redis.status === 'ready') {
      try {
        const [count, resetsInMs] = await this.redis.hitWindow(this.keyPrefix + key, windowMs);
        return { count, resetsInMs };
      } catch (error) {
        this.lost(error as Error);
      }
    }
    return this.local.hitNow(key, windowMs, Date.now());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private lost(error: Error): void {
    if (!this.reachable) return;
    this.reachable = false;
    this.logger.pino.warn({ reason: error.message }, 'Redis unreachable: rate limits are counted per instance until it returns');
  }
}
