/** Every limit is per minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** One hit counted in a fixed window: the window's count so far and how long until it resets. */
export interface WindowHit {
  readonly count: number;
  readonly resetsInMs: number;
}

/**
 * Counters in fixed windows, for the request limits and the failed-authentication limit. It is its
 * own injection token: in memory, or shared between instances through Redis.
 */
export abstract class RateLimitStore {
  /** Counts one hit on `key` in its current window of `windowMs`. */
  abstract hit(key: string, windowMs: number): Promise<WindowHit>;
}

/** Fixed windows in a Map: one lookup per hit. Windows that have ended are swept once per window, not on every hit. */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();
  private nextSweepAt = 0;

  hit(key: string, windowMs: number): Promise<WindowHit> {
    return Promise.resolve(this.hitNow(key, windowMs, Date.now()));
  }

  hitNow(key: string, windowMs: number, now: number): WindowHit {
    if (now >= this.nextSweepAt) this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetsAt <= now) {
      window = { count: 0, resetsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetsInMs: window.resetsAt - now };
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
    this.nextSweepAt = now + windowMs;
  }
}
