import request from 'supertest';
import { expectErrorEnvelope } from './helpers/error-envelope';
import { identityCalls } from './helpers/identities';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN = 'token-admin-0123456789abcdef';
const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'admin@acme.test' }],
  memberships: [{ organization: 'acme', username: 'admin@acme.test', role: 'admin' }],
  tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token: ADMIN }],
};

describe.each(DATABASE_KINDS)('failed identity authentications on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind, { RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4' });
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  it('count refused logins, revocations and identity tokens alike; then every authentication of the IP answers 429 first', async () => {
    const calls = identityCalls(t);
    const good = await calls.identityWithToken(ADMIN, 'counted', 'member');
    const loginTokens = await t.database.query('SELECT id FROM identity_access_tokens');

    // Input errors are not failed authentications.
    expect((await calls.login('', '')).status).toBe(422);
    expectErrorEnvelope(await calls.login(good.clientId, 'wrong-secret'), 401, 'UnauthorizedError');
    expectErrorEnvelope(await request(t.server).post('/api/v1/auth/token/revoke').send({ accessToken: 'unknown' }), 401, 'UnauthorizedError');
    expectErrorEnvelope(await request(t.server).get('/api/v1/groups').set('Authorization', 'Bearer gia_unknown'), 401, 'UnauthorizedError');
    expectErrorEnvelope(await calls.login(good.clientId, 'wrong-again'), 401, 'UnauthorizedError');

    for (const blocked of [
      calls.login(good.clientId, good.clientSecret),
      calls.login('', ''),
      request(t.server).post('/api/v1/auth/token/revoke').send({ accessToken: good.accessToken }),
      request(t.server).get('/api/v1/groups').set('Authorization', `Bearer ${good.accessToken}`),
    ]) {
      const response = await blocked;
      expectErrorEnvelope(response, 429, 'RateLimitExceeded');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Nothing of the blocked requests was done.
    expect(await t.database.query('SELECT id FROM identity_access_tokens')).toEqual(loginTokens);
    expect(await t.database.query('SELECT id FROM identity_access_tokens WHERE revoked_at IS NOT NULL')).toEqual([]);
  });
});
