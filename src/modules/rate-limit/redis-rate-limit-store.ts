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

/**
 * How long a hit waits for Redis. It answers in well under a millisecond, a few under load; one that
 * has not answered by then is treated as gone, and the request is counted here instead.
 */
const REDIS_TIMEOUT_MS = 100;

/** How often, once Redis failed, one PING checks whether it is back; requests meanwhile do not ask it. */
const PROBE_EVERY_MS = 1000;

type RedisWithHitWindow = Redis & { hitWindow(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Counters shared by every instance through Redis. While Redis is away each instance counts alone in
 * memory: the limits loosen to one allowance per instance instead of vanishing. A circuit breaker
 * keeps requests from waiting on a Redis that failed: after a failure (an error, or no answer within
 * REDIS_TIMEOUT_MS, as from a Redis that hangs) no request asks it until a PING, sent every
 * PROBE_EVERY_MS off the requests' path, is answered again.
 */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: RedisWithHitWindow;
  private readonly local = new MemoryRateLimitStore();
  /** Whether hits go to Redis (the breaker is closed) or are counted here. */
  private sharing = true;
  private probe: NodeJS.Timeout | undefined;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly logger: AppLogger,
  ) {
    super();
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_TIMEOUT_MS,
    }) as RedisWithHitWindow;
    this.redis.defineCommand('hitWindow', { numberOfKeys: 1, lua: HIT_WINDOW });
    // Reconnection is ioredis's own; its errors reach the breaker through the commands that fail.
    this.redis.on('error', () => undefined);
  }

  /** `shared` while the counters are Redis's, `local` while this instance counts alone. */
  get mode(): 'shared' | 'local' {
    return this.sharing ? 'shared' : 'local';
  }

  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch((error: Error) => this.open(error));
  }

  async hit(key: string, windowMs: number): Promise<WindowHit> {
    if (this.sharing) {
      try {
        const [count, resetsInMs] = await this.redis.hitWindow(this.keyPrefix + key, windowMs);
        return { count, resetsInMs };
      } catch (error) {
        this.open(error as Error);
      }
    }
    return this.local.hitNow(key, windowMs, Date.now());
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.probe);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Stops asking Redis, says so once, and starts probing. */
  private open(error: Error): void {
    if (!this.sharing) return;
    this.sharing = false;
    this.logger.pino.warn({ reason: error.message }, 'Redis unreachable: rate limits are counted per instance until it returns');
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => {
      this.redis.ping().then(
        () => {
          this.sharing = true;
          this.logger.pino.info('Redis reachable again: rate limits are shared');
        },
        () => this.scheduleProbe(),
      );
    }, PROBE_EVERY_MS);
    // A probe alone does not keep the process up.
    this.probe.unref();
  }
}
