import { Injectable } from '@nestjs/common';
import type { ServiceRequest } from '../../common/pipeline/request-id';
import { AppConfig } from '../../config/app-config';
import { bearerTokenHash } from '../identity/token-hash';
import { clientIp } from './client-ip';
import { RateLimitExceededError } from './rate-limit-exceeded.error';
import { RATE_LIMIT_WINDOW_MS, RateLimitStore } from './rate-limit-store';

/**
 * Requests per minute (RATE_LIMIT_READ_PER_MINUTE for GET and HEAD, RATE_LIMIT_WRITE_PER_MINUTE for
 * the rest; 0 turns one off), counted per token — by its hash — or per client IP on a public route or
 * without a token. One counter per token and kind, whatever the route: a Map lookup in memory, one
 * round trip in Redis.
 */
@Injectable()
export class RequestLimits {
  private readonly readLimit: number;
  private readonly writeLimit: number;

  constructor(
    private readonly store: RateLimitStore,
    config: AppConfig,
  ) {
    this.readLimit = config.rateLimit.readPerMinute;
    this.writeLimit = config.rateLimit.writePerMinute;
  }

  /** Counts the request, once however often asked; throws 429 past its limit. `open`: a public route, counted by client IP. */
  async count(request: ServiceRequest, open: boolean): Promise<void> {
    if (request.rateLimitCounted) return;
    request.rateLimitCounted = true;
    const read = request.method === 'GET' || request.method === 'HEAD';
    const limit = read ? this.readLimit : this.writeLimit;
    if (limit === 0) return;
    const tokenHash = open ? undefined : bearerTokenHash(request);
    const tracker = tokenHash === undefined ? `ip:${clientIp(request)}` : `token:${tokenHash}`;
    const { count, resetsInMs } = await this.store.hit(`${read ? 'reads' : 'writes'}:${tracker}`, RATE_LIMIT_WINDOW_MS);
    if (count > limit) throw new RateLimitExceededError(Math.max(1, Math.ceil(resetsInMs / 1000)));
  }
}
