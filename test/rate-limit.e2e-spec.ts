import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const tokens = { ann: 'token-ann-0123456789abcdef', ben: 'token-ben-0123456789abcdef' };

const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'ann@acme.test' }, { username: 'ben@acme.test' }],
  memberships: [
    { organization: 'acme', username: 'ann@acme.test', role: 'admin' },
    { organization: 'acme', username: 'ben@acme.test', role: 'admin' },
  ],
  groups: [{ organization: 'acme', id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: [] }],
  tokens: [
    { organization: 'acme', username: 'ann@acme.test', name: 'ann', token: tokens.ann },
    { organization: 'acme', username: 'ben@acme.test', name: 'ben', token: tokens.ben },
  ],
};

const LIMITS = { RATE_LIMIT_READ_PER_MINUTE: '4', RATE_LIMIT_WRITE_PER_MINUTE: '3', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3' };

/** A write that passes every check but finds no member: 404, and it counts against the writer. */
const write = (t: TestApp, token?: string) => {
  const call = request(t.server).delete(`/api/v1/groups/${GROUP}/users/nobody@acme.test`);
  return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
};
const status = (t: TestApp, token?: string) => {
  const call = request(t.server).get('/api/status');
  return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
};

/** A 429 in the envelope whose message and Retry-After name the same wait, within the minute. */
function expectRateLimited(response: request.Response): void {
  expectEnvelope(response, 429, 'RateLimitExceeded');
  const seconds = Number(/^Rate limit exceeded\. Please try again in (\d+) seconds$/.exec(response.body.message)?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(response.headers['retry-after']).toBe(String(seconds));
}

describe.each(DATABASE_KINDS)('rate limits in memory on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind, LIMITS);
    await seed(t, fixture);
  });
  afterEach(() => t.close());

  it('counts writes per token: past the allowance 429, while another token still writes', async () => {
    for (let i = 0; i < 3; i++) expect((await write(t, tokens.ann)).status).toBe(404);
    expectRateLimited(await write(t, tokens.ann));
    expect((await write(t, tokens.ben)).status).toBe(404);
  });

  it('gives reads and writes allowances of their own', async () => {
    for (let i = 0; i < 3; i++) await write(t, tokens.ann).expect(404);
    expectRateLimited(await write(t, tokens.ann));
    for (let i = 0; i < 4; i++) await status(t).expect(200);
    expectRateLimited(await status(t));
  });

  it('counts a public route by client IP only, whatever token comes with it', async () => {
    await status(t, tokens.ann).expect(200);
    await status(t, tokens.ben).expect(200);
    await status(t).expect(200);
    await status(t, 'made-up-token').expect(200);
    expectRateLimited(await status(t, tokens.ann));
  });

  it('counts requests without a token by client IP', async () => {
    for (let i = 0; i < 3; i++) expect((await write(t)).body.message).toBe('Token missing');
    expectRateLimited(await write(t));
    expect((await write(t, tokens.ann)).status).toBe(404);
  });

  it('blocks an IP that failed to authenticate too often, even with a valid token, without touching the token allowance', async () => {
    for (let i = 0; i < 3; i++) expect((await write(t, `wrong-token-${i}`)).body).toMatchObject({ statusCode: 401, message: 'Invalid token' });
    expectRateLimited(await write(t, tokens.ann));
    expectRateLimited(await write(t, 'wrong-token-again'));
  });

  it('counts a malformed Authorization header as a failed authentication', async () => {
    for (let i = 0; i < 3; i++) expectEnvelope(await write(t).set('Authorization', 'Basic abc'), 400, 'BadRequest');
    expectRateLimited(await write(t, tokens.ann));
  });

  it('turns every limit off with 0', async () => {
    await t.close();
    t = await createTestApp(kind, { RATE_LIMIT_READ_PER_MINUTE: '0', RATE_LIMIT_WRITE_PER_MINUTE: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0' });
    await seed(t, fixture);
    for (let i = 0; i < 40; i++) {
      await status(t).expect(200);
      await write(t, tokens.ann).expect(404);
      await write(t, `wrong-token-${i}`).expect(401);
    }
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.log('Skipping the shared (Redis) rate-limit tests: TEST_REDIS_URL is not set');
const describeWithRedis = redisUrl ? describe.each(DATABASE_KINDS) : describe.skip.each(DATABASE_KINDS);

describeWithRedis('rate limits shared through Redis by two instances on %s', (kind) => {
  let a: TestApp;
  let b: TestApp;
  beforeEach(async () => {
    // A prefix of its own: counters of other runs on the same Redis are not this run's.
    const env = { ...LIMITS, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `test-${randomUUID()}:` };
    a = await createTestApp(kind, env);
    b = await createTestApp(kind, env);
    await seed(a, fixture);
    await seed(b, fixture);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('enforce one write allowance per token between them', async () => {
    expect((await write(a, tokens.ann)).status).toBe(404);
    expect((await write(b, tokens.ann)).status).toBe(404);
    expect((await write(a, tokens.ann)).status).toBe(404);
    expectRateLimited(await write(b, tokens.ann));
    expectRateLimited(await write(a, tokens.ann));
    expect((await write(b, tokens.ben)).status).toBe(404);
  });

  it('enforce one read allowance per client IP between them', async () => {
    for (const instance of [a, b, a, b]) await status(instance).expect(200);
    expectRateLimited(await status(a));
    expectRateLimited(await status(b));
  });

  it('count failed authentications together: an instance blocks an IP from its first failure past the shared limit', async () => {
    await write(a, 'wrong-1').expect(401);
    await write(b, 'wrong-2').expect(401);
    await write(a, 'wrong-3').expect(401);
    expectRateLimited(await write(a, tokens.ann));
    // b saw one failure of its own; the next one is the fourth of the IP.
    expect((await write(b, tokens.ann)).status).toBe(404);
    await write(b, 'wrong-4').expect(401);
    expectRateLimited(await write(b, tokens.ann));
  });
});
