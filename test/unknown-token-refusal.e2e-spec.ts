import { jest } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { BearerAuthGuard } from '../src/modules/identity/bearer-auth.guard';
import { hashToken } from '../src/modules/identity/token-hash';
import { expectEnvelope } from './helpers/envelope';
import { FixtureBuilder } from './helpers/fixture';
import { createTestApp, DATABASE_KINDS, type DatabaseKind, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const ADMIN = 'token-refusal-admin-0123456789';
const LATER = 'token-refusal-created-later-0123456789';
const fixture = new FixtureBuilder()
  .member('admin@acme.test', 'admin', { token: ADMIN })
  .group({ id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: [] })
  .build();

const remove = (t: TestApp, token: string) =>
  request(t.server).delete(`/api/v1/groups/${GROUP}/users/nobody@acme.test`).set('Authorization', `Bearer ${token}`);

/** What an answer shows, but for what differs from one request to the next. */
function shape(response: request.Response) {
  const { date: _date, 'x-request-id': reqId, ...headers } = response.headers;
  const { reqId: bodyReqId, ...body } = response.body as Record<string, unknown>;
  expect(bodyReqId).toBe(reqId);
  return { status: response.status, headers, body };
}

const folder = mkdtempSync(join(tmpdir(), 'groups-refusal-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
/** A SQLite file of its own for each app: tokens are then read on the main thread, not in the worker that serves a database in memory. */
const onFile = () => ({ DATABASE_URL: `sqlite:${join(folder, `refusal-${++files}.sqlite`)}` });

const TARGETS: [name: string, kind: DatabaseKind, database: () => NodeJS.ProcessEnv][] = [
  ...DATABASE_KINDS.map((kind): [string, DatabaseKind, () => NodeJS.ProcessEnv] => [kind, kind, () => ({})]),
  ...(DATABASE_KINDS.includes('sqlite') ? [['a SQLite file', 'sqlite', onFile] as [string, DatabaseKind, () => NodeJS.ProcessEnv]] : []),
];

/**
 * The refusal of unknown tokens before routing (modules/identity/unknown-token-refusal) takes over a
 * route once the bearer guard has checked a token on it: the first request of each test goes through
 * the guard, the others are refused before routing, and nothing tells them apart.
 */
describe.each(TARGETS)('refusing unknown bearer tokens on %s', (_name, kind, database) => {
  let t: TestApp;
  afterEach(() => t.close());
  const start = (env: NodeJS.ProcessEnv = {}) => createTestApp(kind, { ...database(), ...env });

  it('answers as the guard does: the same envelope, headers, log line and metrics', async () => {
    t = await start({ METRICS_PUBLIC: 'true' });
    await seed(t, fixture);
    const from = t.logLines.length;
    const guard = jest.spyOn(t.app.get(BearerAuthGuard), 'canActivate');
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await remove(t, `made-up-token-${i}`));
    // Only the first went through the guard.
    expect(guard).toHaveBeenCalledTimes(1);
    for (const answer of answers) expectEnvelope(answer, 401, 'UnauthorizedError', 'Invalid token');
    expect(shape(answers[1])).toEqual(shape(answers[0]));
    expect(shape(answers[2])).toEqual(shape(answers[0]));
    const lines = t.logLines.slice(from).filter((line) => line.msg === 'request');
    expect(lines.map(({ time: _time, durationMs: _durationMs, ...line }) => line)).toEqual(
      answers.map((answer) => ({
        level: 30,
        msg: 'request',
        reqId: answer.headers['x-request-id'],
        method: 'DELETE',
        route: '/api/v1/groups/:id/users/:username',
        statusCode: 401,
      })),
    );
    const metrics = (await request(t.server).get('/metrics').expect(200)).text;
    expect(metrics).toContain('http_requests_total{method="DELETE",route="/api/v1/groups/:id/users/:username",status="401"} 3\n');
  });

  it('lets a token created after it was refused work at once', async () => {
    t = await start();
    await seed(t, fixture);
    for (let i = 0; i < 2; i++) expectEnvelope(await remove(t, LATER), 401, 'UnauthorizedError', 'Invalid token');
    await seed(t, new FixtureBuilder().member('admin@acme.test', 'admin').token('admin@acme.test', LATER, 'created later').build());
    expectEnvelope(await remove(t, LATER), 404, 'NotFound');
  });

  it('counts every refusal as a failed authentication: past the limit the IP gets 429, even with a valid token', async () => {
    t = await start({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3' });
    await seed(t, fixture);
    for (let i = 0; i < 3; i++) expectEnvelope(await remove(t, `made-up-token-${i}`), 401, 'UnauthorizedError');
    expectEnvelope(await remove(t, 'made-up-token-again'), 429, 'RateLimitExceeded');
    const blocked = await remove(t, ADMIN);
    expectEnvelope(blocked, 429, 'RateLimitExceeded');
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
  });

  it("answers the token's rate limit before its refusal", async () => {
    t = await start({ RATE_LIMIT_WRITE_PER_MINUTE: '2' });
    await seed(t, fixture);
    for (let i = 0; i < 2; i++) expectEnvelope(await remove(t, 'made-up-token'), 401, 'UnauthorizedError');
    const limited = await remove(t, 'made-up-token');
    expectEnvelope(limited, 429, 'RateLimitExceeded');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Another token has an allowance of its own.
    expectEnvelope(await remove(t, ADMIN), 404, 'NotFound');
  });

  it('leaves alone unknown routes, public routes, SCIM routes and tokens that exist', async () => {
    t = await start();
    await seed(t, fixture);
    for (let i = 0; i < 2; i++) {
      expectEnvelope(await remove(t, 'made-up-token'), 401, 'UnauthorizedError');
      expectEnvelope(await request(t.server).get('/api/v1/no/such/route').set('Authorization', 'Bearer made-up-token'), 404, 'NotFound');
      await request(t.server).get('/api/status').set('Authorization', 'Bearer made-up-token').expect(200);
      const scim = await request(t.server).get('/api/v1/scim/Users').set('Authorization', 'Bearer made-up-token').expect(401);
      expect(scim.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Invalid SCIM token' });
      expectEnvelope(await remove(t, ADMIN), 404, 'NotFound');
      expectEnvelope(await remove(t, 'made up'), 400, 'BadRequest');
    }
  });
});

/** Another process writes the file the service reads its tokens from: the CLI, or a second instance. */
describe('tokens that another process writes to the SQLite file', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('work at once when created, and are refused at once when revoked', async () => {
    const { DATABASE_URL } = onFile();
    t = await createTestApp('sqlite', { DATABASE_URL });
    await seed(t, fixture);
    for (let i = 0; i < 2; i++) expectEnvelope(await remove(t, LATER), 401, 'UnauthorizedError', 'Invalid token');
    const fixtureFile = join(folder, 'later.json');
    writeFileSync(
      fixtureFile,
      JSON.stringify(new FixtureBuilder().member('admin@acme.test', 'admin').token('admin@acme.test', LATER, 'created later').build()),
    );
    await promisify(execFile)('npm', ['run', '--silent', 'seed', '--', fixtureFile], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL },
    });
    expectEnvelope(await remove(t, LATER), 404, 'NotFound');
    const other = new BetterSqlite3(DATABASE_URL.slice('sqlite:'.length));
    try {
      other.prepare('UPDATE access_tokens SET revoked_at = ? WHERE token_hash = ?').run(new Date().toISOString(), hashToken(LATER));
    } finally {
      other.close();
    }
    expectEnvelope(await remove(t, LATER), 401, 'UnauthorizedError', 'Token has been revoked');
  }, 60_000);
});
