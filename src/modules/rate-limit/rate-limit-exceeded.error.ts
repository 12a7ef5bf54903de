import { AppError } from '../../common/errors/app-error';

/** Too many requests in the current window: answered with 429 and `Retry-After`. */
export class RateLimitExceededError extends AppError {
  readonly kind = 'RateLimited';
  readonly code = 'RATE_LIMIT_EXCEEDED';

  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded. Please try again in ${retryAfterSeconds} seconds`);
  }
}
