import { MemoryRateLimitStore } from './rate-limit-store';

describe('MemoryRateLimitStore', () => {
  it('counts hits per key within a fixed window, then starts a new one', () => {
    const store = new MemoryRateLimitStore();
    expect(store.hitNow('a', 1000, 0)).toEqual({ count: 1, resetsInMs: 1000 });
    expect(store.hitNow('a', 1000, 400)).toEqual({ count: 2, resetsInMs: 600 });
    expect(store.hitNow('b', 1000, 400)).toEqual({ count: 1, resetsInMs: 1000 });
    expect(store.hitNow('a', 1000, 1000)).toEqual({ count: 1, resetsInMs: 1000 });
  });

  it('forgets ended windows when it sweeps', () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 100; i++) store.hitNow(`key-${i}`, 1000, 0);
    store.hitNow('late', 1000, 5000);
    expect((store as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
