import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RateLimitStore } from '../src/modules/rate-limit/rate-limit-store';
import type { RedisRateLimitStore } from '../src/modules/rate-limit/redis-rate-limit-store';
import { TcpProxy } from './helpers/tcp-proxy';
import { createTestApp, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const WRITES_PER_MINUTE = 5;
/** One token per check: each starts with a fresh allowance, wherever it is counted. */
const TOKENS = ['load', 'before', 'away', 'back', 'hung', 'resumed'].map((name) => `token-${name}-0123456789abcdef`);
const [LOAD, BEFORE, AWAY, BACK, HUNG, RESUMED] = TOKENS;

const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: TOKENS.map((_, i) => ({ username: `admin-${i}@acme.test` })),
  memberships: TOKENS.map((_, i) => ({ organization: 'acme', username: `admin-${i}@acme.test`, role: 'admin' })),
  groups: [{ organization: 'acme', id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: [] }],
  tokens: TOKENS.map((token, i) => ({ organization: 'acme', username: `admin-${i}@acme.test`, name: 'admin', token })),
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A write that passes every check and finds no member: 404, and it counts against the token's write allowance. */
const write = (t: TestApp, token: string) => request(t.server).delete(`/api/v1/groups/${GROUP}/users/nobody@acme.test`).set('Authorization', `Bearer ${token}`);

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.log('Skipping the Redis outage tests: TEST_REDIS_URL is not set');
const describeWithRedis = redisUrl ? describe : describe.skip;

describeWithRedis('two instances sharing rate limits through a Redis that goes away', () => {
  let proxy: TcpProxy;
  let instances: TestApp[];
  let stores: RedisRateLimitStore[];

  beforeAll(async () => {
    const redis = new URL(redisUrl!);
    proxy = new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.listen();
    const proxied = new URL(redisUrl!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    // Reads are not limited in practice: the load runs on them, and the checks on writes.
    const env = {
      REDIS_URL: proxied.toString(),
      REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
      RATE_LIMIT_READ_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITE_PER_MINUTE: String(WRITES_PER_MINUTE),
    };
    instances = [await createTestApp('sqlite', env), await createTestApp('sqlite', env)];
    for (const instance of instances) await seed(instance, fixture);
    stores = instances.map((instance) => instance.app.get(RateLimitStore) as RedisRateLimitStore);
  });
  afterAll(async () => {
    for (const instance of instances ?? []) await instance.close();
    await proxy?.close();
  });

  /** Statuses of writes sent in turn to each instance in `order`. */
  const writes = async (token: string, order: number[]) => {
    const statuses: number[] = [];
    for (const index of order) statuses.push((await write(instances[index], token)).status);
    return statuses;
  };
  const alternating = (count: number) => Array.from({ length: count }, (_, i) => i % 2);

  /** Reads from 8 clients spread over both instances while `during` runs, then for `moreMs`; the statuses of every answer. */
  const loadWhile = async (during: () => Promise<void>, moreMs: number) => {
    const statuses: number[] = [];
    let running = true;
    const client = async (index: number) => {
      while (running)
        statuses.push(
          (
            await request(instances[index % 2].server)
              .get('/api/v1/groups')
              .set('Authorization', `Bearer ${LOAD}`)
          ).status,
        );
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    await sleep(200);
    await during();
    await sleep(moreMs);
    running = false;
    await Promise.all(clients);
    return statuses;
  };

  const untilShared = async () => {
    for (let waited = 0; stores.some((store) => store.mode !== 'shared') && waited < 15_000; waited += 50) await sleep(50);
    expect(stores.map((store) => store.mode)).toEqual(['shared', 'shared']);
  };

  it('keeps answering when Redis is cut mid-load, each instance enforcing the limit alone, and shares it again once Redis is back', async () => {
    await untilShared();
    expect(await writes(BEFORE, alternating(WRITES_PER_MINUTE + 2))).toEqual([...Array<number>(WRITES_PER_MINUTE).fill(404), 429, 429]);

    const statuses = await loadWhile(async () => proxy.cut(), 500);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(stores.map((store) => store.mode)).toEqual(['local', 'local']);
    // Alone, each instance gives the token a whole allowance, and no more.
    for (const index of [0, 1]) {
      expect(await writes(AWAY, Array<number>(WRITES_PER_MINUTE + 1).fill(index))).toEqual([...Array<number>(WRITES_PER_MINUTE).fill(404), 429]);
    }

    await proxy.restore();
    await untilShared();
    expect(await writes(BACK, alternating(WRITES_PER_MINUTE + 2))).toEqual([...Array<number>(WRITES_PER_MINUTE).fill(404), 429, 429]);
  }, 60_000);

  it('stops asking a Redis that hangs, answering every request meanwhile, and asks it again once it answers', async () => {
    const statuses = await loadWhile(async () => proxy.hang(), 1000);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // Local mode: the requests of the hang did not wait on Redis, past the first that found it silent.
    expect(stores.map((store) => store.mode)).toEqual(['local', 'local']);
    for (const index of [0, 1]) {
      expect(await writes(HUNG, Array<number>(WRITES_PER_MINUTE + 1).fill(index))).toEqual([...Array<number>(WRITES_PER_MINUTE).fill(404), 429]);
    }

    proxy.resume();
    await untilShared();
    expect(await writes(RESUMED, alternating(WRITES_PER_MINUTE + 2))).toEqual([...Array<number>(WRITES_PER_MINUTE).fill(404), 429, 429]);
  }, 60_000);
});
