import { Injectable } from '@nestjs/common';
import type { ServiceRequest } from '../../common/pipeline/request-id';
import { AppConfig } from '../../config/app-config';
import { clientIp } from '../rate-limit/client-ip';
import { RateLimitExceededError } from '../rate-limit/rate-limit-exceeded.error';
import { RATE_LIMIT_WINDOW_MS, RateLimitStore } from '../rate-limit/rate-limit-store';

/** Past this many blocked IPs, those whose block has ended are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * Failed authentications per client IP (RATE_LIMIT_AUTH_FAILURES_PER_MINUTE): once an IP reaches the
 * limit it may not authenticate at all until its window resets, so guessing tokens gains nothing.
 * Failures are counted in the shared store; the block is kept here, so that a request that is not
 * refused costs a Map lookup, not a round trip.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly store: RateLimitStore,
    config: AppConfig,
  ) {
    this.limit = config.rateLimit.authFailuresPerMinute;
  }

  /** Throws 429 while the request's IP is blocked. */
  assertAllowed(request: ServiceRequest): void {
    if (this.blockedUntil.size === 0) return;
    const ip = clientIp(request);
    const until = this.blockedUntil.get(ip);
    if (until === undefined) return;
    const waitMs = until - Date.now();
    if (waitMs > 0) throw new RateLimitExceededError(Math.ceil(waitMs / 1000));
    this.blockedUntil.delete(ip);
  }

  async recordFailure(request: ServiceRequest): Promise<void> {
    if (this.limit === 0) return;
    const ip = clientIp(request);
    const { count, resetsInMs } = await this.store.hit(`auth-failures:${ip}`, RATE_LIMIT_WINDOW_MS);
    if (count < this.limit) return;
    const now = Date.now();
    if (this.blockedUntil.size >= SWEEP_ABOVE) for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
    this.blockedUntil.set(ip, now + resetsInMs);
  }
}
