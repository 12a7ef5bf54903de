import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { FixtureBuilder } from './helpers/fixture';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const tokens = { admin: 'token-metrics-admin-0123456789', member: 'token-metrics-member-0123456789' };
const fixture = new FixtureBuilder()
  .member('admin@acme.test', 'admin', { token: tokens.admin })
  .member('member@acme.test', 'member', { token: tokens.member })
  .group({ id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: ['member@acme.test'] })
  .build();

/** The value of one sample of a Prometheus text exposition, by its name and labels as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(DATABASE_KINDS)('observability on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  const scrape = (token?: string) => {
    const call = request(t.server).get('/metrics');
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  it('answers /api/status with the database check, the version and the uptime', async () => {
    const response = await request(t.server).get('/api/status').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', version: expect.stringMatching(/^\d+\.\d+\.\d+/), uptime: expect.any(Number) });
  });

  it('keeps /metrics for an admin token: 401 without a token, 403 for a member', async () => {
    expectEnvelope(await scrape(), 401, 'UnauthorizedError');
    const refused = await scrape(tokens.member);
    expectEnvelope(refused, 403, 'PermissionDenied');
    expect(refused.body.details).toEqual({ missingPermissions: [{ action: 'read', subject: 'metrics' }] });
    const response = await scrape(tokens.admin).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts requests by route template and status, with their latency', async () => {
    const before = (await scrape(tokens.admin)).text;
    const series = 'http_requests_total{method="DELETE",route="/api/v1/groups/:id/users/:username",status="404"}';
    for (const username of ['a', 'b', 'c'])
      await request(t.server).delete(`/api/v1/groups/${GROUP}/users/${username}`).set('Authorization', `Bearer ${tokens.admin}`).expect(404);
    await request(t.server).get('/api/v1/no/such/route').expect(404);
    const after = (await scrape(tokens.admin)).text;
    expect((sample(after, series) ?? 0) - (sample(before, series) ?? 0)).toBe(3);
    expect(sample(after, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'http_request_duration_seconds_count{method="DELETE",route="/api/v1/groups/:id/users/:username"}')).toBeGreaterThanOrEqual(3);
    expect(after).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="DELETE",route="\/api\/v1\/groups\/:id\/users\/:username"\} \d+$/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
    // No raw path, whatever was asked for.
    expect(after).not.toContain('/api/v1/no/such/route');
  });

  it(kind === 'postgres' ? 'reports the use of the connection pool' : 'has no pool to report on SQLite', async () => {
    const text = (await scrape(tokens.admin)).text;
    if (kind === 'postgres') {
      expect(sample(text, 'db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'db_pool_waiting_queries')).toBe(0);
    } else {
      expect(text).not.toContain('db_pool_');
    }
  });

  it('writes one JSON line per request, with its reqId, route template, status, latency and actor, and no header', async () => {
    const from = t.logLines.length;
    const response = await request(t.server)
      .delete(`/api/v1/groups/${GROUP}/users/nobody`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .set('User-Agent', 'observability-test')
      .expect(404);
    const reqId = response.headers['x-request-id'];
    const [admin] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
    const lines = t.logLines.slice(from).filter((line) => line.reqId === reqId);
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.any(String),
        msg: 'request',
        reqId,
        method: 'DELETE',
        route: '/api/v1/groups/:id/users/:username',
        statusCode: 404,
        durationMs: expect.any(Number),
        actorType: 'user',
        actorId: admin.id,
      },
    ]);
  });
});

describe('observability with METRICS_PUBLIC=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { METRICS_PUBLIC: 'true' });
  });
  afterAll(() => t.close());

  it('serves /metrics without a token', async () => {
    const response = await request(t.server).get('/metrics').expect(200);
    expect(response.text).toMatch(/^# TYPE http_requests_total counter$/m);
  });
});
