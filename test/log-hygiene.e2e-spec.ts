import request from 'supertest';
import { FixtureBuilder } from './helpers/fixture';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const secrets = {
  admin: 'secret-admin-token-5b1e0c7d9a',
  member: 'secret-member-token-8f2a6d4c1e',
  revoked: 'secret-revoked-token-3c9b7e1f0d',
  unknown: 'secret-unknown-token-6e4d2a8b5c',
  basic: Buffer.from('user:secret-basic-password-1a2b3c').toString('base64'),
};
const fixture = new FixtureBuilder()
  .member('admin@acme.test', 'admin')
  .token('admin@acme.test', secrets.admin, 'admin')
  .member('member@acme.test')
  .token('member@acme.test', secrets.member, 'member')
  .token('member@acme.test', secrets.revoked, 'revoked')
  .member('carol@acme.test')
  .group({ id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: ['carol@acme.test'] })
  .build();

describe.each(DATABASE_KINDS)('the log on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // Limits on, so that the 429 path is logged too.
    t = await createTestApp(kind, { RATE_LIMIT_WRITE_PER_MINUTE: '12', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4', LOG_LEVEL: 'trace' });
    await seed(t, fixture);
    await t.database.execute("UPDATE access_tokens SET revoked_at = $1 WHERE name = 'revoked'", [new Date().toISOString()]);
  });
  afterAll(() => t.close());

  it('holds no token and no Authorization header, on success and on every kind of refusal', async () => {
    const bearer = (token: string) => `Bearer ${token}`;
    const remove = (username: string) => request(t.server).delete(`/api/v1/groups/${GROUP}/users/${username}`);
    const statuses = [
      (await remove('carol@acme.test').set('Authorization', bearer(secrets.admin))).status,
      (await remove('nobody').set('Authorization', bearer(secrets.admin))).status,
      (await request(t.server).delete(`/api/v1/groups/not-a-uuid/users/x`).set('Authorization', bearer(secrets.admin))).status,
      (await remove('carol@acme.test').set('Authorization', bearer(secrets.member))).status,
      (await request(t.server).get('/metrics').set('Authorization', bearer(secrets.member))).status,
      (await request(t.server).get('/metrics').set('Authorization', bearer(secrets.admin))).status,
      (
        await request(t.server)
          .post('/api/v1/groups')
          .set('Authorization', bearer(secrets.admin))
          .set('Content-Type', 'application/json')
          .send(`{"name": "${secrets.admin}"`)
      ).status,
      (
        await request(t.server)
          .post('/api/v1/groups')
          .set('Authorization', bearer(secrets.admin))
          .send({ name: secrets.admin.repeat(5000) })
      ).status,
      (await request(t.server).get(`/api/v1/nothing/${secrets.admin}`).set('Authorization', bearer(secrets.admin))).status,
      (await remove('x').set('Authorization', `Basic ${secrets.basic}`)).status,
      (await remove('x').set('Authorization', bearer(secrets.revoked))).status,
      (await remove('x').set('Authorization', bearer(secrets.unknown))).status,
      (await remove('x').set('Authorization', bearer(secrets.unknown))).status,
      // The IP has failed four times: refused before the token is looked at.
      (await remove('x').set('Authorization', bearer(secrets.admin))).status,
    ];
    expect(statuses).toEqual([200, 404, 422, 403, 403, 200, 422, 413, 404, 400, 401, 401, 401, 429]);

    const log = t.logLines.map((line) => JSON.stringify(line)).join('\n');
    expect(t.logLines.filter((line) => line.msg === 'request').length).toBeGreaterThanOrEqual(statuses.length);
    for (const secret of [...Object.values(secrets), 'secret-basic-password']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/bearer|authorization/i);
  });
});

// Start-up logs the same on either database.
describe('the start-up log', () => {
  const routeMappings = (t: TestApp) => t.logLines.filter((line) => /^Mapped \{/.test(String(line.msg)) || line.context === 'RoutesResolver');

  it('leaves the route mapping out at LOG_LEVEL=info, and shows it at debug', async () => {
    const atInfo = await createTestApp('sqlite', { LOG_LEVEL: 'info' });
    const atDebug = await createTestApp('sqlite', { LOG_LEVEL: 'debug' });
    try {
      expect(routeMappings(atInfo)).toEqual([]);
      expect(routeMappings(atDebug).map((line) => line.msg)).toContain('Mapped {/api/v1/groups/:id/users/:username, DELETE} route');
    } finally {
      await atInfo.close();
      await atDebug.close();
    }
  });
});
