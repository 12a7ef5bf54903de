import { randomUUID } from 'node:crypto';
import request, { type Response } from 'supertest';
import { hashToken } from '../src/modules/identity/token-hash';
import { expectEnvelope } from './helpers/envelope';
import { FixtureBuilder } from './helpers/fixture';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN_TOKEN = 'foundation-admin-token-7f3a9c2e1b';
const MEMBER_TOKEN = 'foundation-member-token-2c6f0a8d4e';
const EXPIRED_TOKEN = 'foundation-expired-token-4d8e2a6c0f';
const REVOKED_TOKEN = 'foundation-revoked-token-9b1c5e7a3d';
const MISSING_GROUP = '00000000-0000-4000-8000-000000000000';
/** A route behind the guard; a group that does not exist answers 404 once the token is accepted. */
const GUARDED_ROUTE = `/api/v1/groups/${MISSING_GROUP}/users/nobody`;

const fixture = new FixtureBuilder()
  .member('admin@acme.test', 'admin')
  .token('admin@acme.test', ADMIN_TOKEN, 'foundation')
  .member('member@acme.test')
  .token('member@acme.test', MEMBER_TOKEN, 'foundation')
  .build();

describe.each(DATABASE_KINDS)('foundation on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    const [admin] = await t.database.query<{ org_id: string; user_id: string }>('SELECT org_id, user_id FROM access_tokens WHERE token_hash = $1', [
      hashToken(ADMIN_TOKEN),
    ]);
    const insert =
      'INSERT INTO access_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
    const now = Date.now();
    const past = new Date(now - 60_000).toISOString();
    const future = new Date(now + 3_600_000).toISOString();
    await t.database.execute(insert, [randomUUID(), admin.org_id, admin.user_id, 'expired', hashToken(EXPIRED_TOKEN), past, past, null]);
    await t.database.execute(insert, [randomUUID(), admin.org_id, admin.user_id, 'revoked', hashToken(REVOKED_TOKEN), past, future, past]);
  });
  afterAll(() => t?.close());

  it('answers /api/status without a token', async () => {
    const response = await request(t.server).get('/api/status').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', version: expect.any(String), uptime: expect.any(Number) });
    expect(response.headers['x-request-id']).toMatch(/^req-[A-Za-z0-9]{14}$/);
  });

  it('gives every request an id of its own', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await request(t.server).get('/api/status')).headers['x-request-id']));
    expect(new Set(ids).size).toBe(3);
  });

  describe('authentication', () => {
    it('lets an admin token through to the route', async () => {
      const response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expectEnvelope(response, 404, 'NotFound', `Failed to find group with ID ${MISSING_GROUP}`);
    });

    it('accepts the scheme in any case', async () => {
      const response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `bearer ${ADMIN_TOKEN}`);
      expectEnvelope(response, 404, 'NotFound');
    });

    it('carries the role of the token: a member is refused with 403 and the missing permission', async () => {
      const response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${MEMBER_TOKEN}`);
      expectEnvelope(response, 403, 'PermissionDenied', 'You are not allowed to edit on groups');
      expect(response.body.details).toEqual({ missingPermissions: [{ action: 'edit', subject: 'groups' }] });
    });

    it('answers 401 Token missing without an Authorization header', async () => {
      expectEnvelope(await request(t.server).delete(GUARDED_ROUTE), 401, 'UnauthorizedError', 'Token missing');
    });

    it.each([
      ['an unknown', 'foundation-unknown-token-0000000000'],
      ['an expired', EXPIRED_TOKEN],
      ['a revoked', REVOKED_TOKEN],
    ])('answers 401 for %s token', async (_case, token) => {
      const response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${token}`);
      expectEnvelope(response, 401, 'UnauthorizedError');
    });

    it.each(['Basic abc', 'Bearer', `Token ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN} extra`])('answers 400 BadRequest for Authorization: %s', async (header) => {
      const response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', header);
      expectEnvelope(response, 400, 'BadRequest');
    });
  });

  describe('success answers', () => {
    it('answers JSON with its length, the same to a conditional request, and only the headers to HEAD', async () => {
      const answer = await request(t.server).get('/api/v1/groups').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.text)));
      expect(answer.headers['x-request-id']).toMatch(/^req-[A-Za-z0-9]{14}$/);
      expect(answer.body).toEqual([]);
      // No answer has an ETag or a Last-Modified, so no condition can make it 304.
      const conditional = await request(t.server).get('/api/v1/groups').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('If-None-Match', '*').expect(200);
      expect(conditional.text).toBe(answer.text);
      const head = await request(t.server).head('/api/v1/groups').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
      expect(head.headers['content-length']).toBe(answer.headers['content-length']);
      expect(head.text ?? '').toBe('');
    });
  });

  describe('the error envelope', () => {
    it('answers an unknown route with 404, with or without a token', async () => {
      expectEnvelope(await request(t.server).get('/x'), 404, 'NotFound', 'Route GET:/x not found');
      const withToken = await request(t.server).post('/api/v1/nothing-here').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expectEnvelope(withToken, 404, 'NotFound', 'Route POST:/api/v1/nothing-here not found');
    });

    it('answers HEAD with the headers of the envelope, its length included, and no body', async () => {
      const response = await request(t.server).head('/x').expect(404);
      const reqId = response.headers['x-request-id'];
      const envelope = { reqId, statusCode: 404, message: 'Route HEAD:/x not found', error: 'NotFound' };
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(envelope))));
      expect(response.text ?? '').toBe('');
    });

    // Bodies are parsed before routing, so a body that is not JSON is refused before the route is known,
    // with 422 and one issue, as any other malformed input.
    it.each([GUARDED_ROUTE, '/api/v1/nothing-here'])('answers malformed JSON with 422 ValidationFailure (%s)', async (path) => {
      const response = await request(t.server)
        .post(path)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expectEnvelope(response, 422, 'ValidationFailure', [{ code: 'invalid_json', message: 'Request body is not valid JSON', path: [] }]);
    });

    it('reads the body of a request of any method, sent with a length or in chunks', async () => {
      const invalidJson = [{ code: 'invalid_json', message: 'Request body is not valid JSON', path: [] }];
      const withLength = await request(t.server)
        .delete(GUARDED_ROUTE)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"name": ');
      expectEnvelope(withLength, 422, 'ValidationFailure', invalidJson);
      const chunked = request(t.server)
        .delete(GUARDED_ROUTE)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .set('Transfer-Encoding', 'chunked');
      chunked.write('{"name": ');
      expectEnvelope(await chunked, 422, 'ValidationFailure', invalidJson);
    });

    it('answers a body over 100 kB with 413 PayloadTooLarge', async () => {
      const body = JSON.stringify({ padding: 'x'.repeat(101 * 1024) });
      const response = await request(t.server)
        .post('/api/v1/nothing-here')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expectEnvelope(response, 413, 'PayloadTooLarge');
    });

    it('accepts a body just under the limit', async () => {
      const body = JSON.stringify({ padding: 'x'.repeat(99 * 1024) });
      const response = await request(t.server).post('/api/v1/nothing-here').set('Content-Type', 'application/json').send(body);
      expectEnvelope(response, 404, 'NotFound');
    });
  });

  describe('the log', () => {
    it('carries the reqId of a refused request and never a token or an Authorization header', async () => {
      const before = t.logLines.length;
      const refused = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${EXPIRED_TOKEN}`);
      const malformed = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Basic ${ADMIN_TOKEN}`);
      const accepted = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('X-Trace', ADMIN_TOKEN);
      const lines = t.logLines.slice(before).map((line) => JSON.stringify(line));
      for (const response of [refused, malformed, accepted]) {
        expect(lines.filter((line) => line.includes(response.headers['x-request-id']))).not.toEqual([]);
      }
      const everyLine = t.logLines.map((line) => JSON.stringify(line)).join('\n');
      for (const secret of [ADMIN_TOKEN, MEMBER_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, 'Bearer ', 'Basic ']) expect(everyLine).not.toContain(secret);
    });

    it('answers an unexpected failure with 500 and no internals, and logs the whole error with its reqId', async () => {
      // The guard's token lookup fails when its table is gone.
      await t.database.execute('ALTER TABLE access_tokens RENAME TO access_tokens_away');
      let response: Response;
      try {
        response = await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      } finally {
        await t.database.execute('ALTER TABLE access_tokens_away RENAME TO access_tokens');
      }
      expectEnvelope(response, 500, 'InternalServerError', 'Something went wrong');
      expect(JSON.stringify(response.body)).not.toMatch(/access_tokens|SELECT|sqlite|relation/i);
      const logged = t.logLines.find((line) => line.reqId === response.headers['x-request-id'] && line.level === 50);
      expect(logged).toBeDefined();
      const error = logged!.err as { message: string; stack: string };
      expect(error.message).toMatch(/access_tokens/);
      expect(error.stack).toMatch(/\n\s+at /);
      // Back to normal once the table is back.
      await request(t.server).delete(GUARDED_ROUTE).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(404);
    });
  });

  describe('the API docs', () => {
    it('serves Swagger UI from the service itself', async () => {
      const page = await request(t.server).get('/api/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).not.toMatch(/https?:\/\/(?!localhost)[^"'\s]*\.(js|css)/);
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        const url = new URL(asset, 'http://service/api/docs/');
        expect(url.host).toBe('service');
        await request(t.server).get(url.pathname).expect(200);
      }
    });

    it('serves the OpenAPI 3 document with a bearer scheme, as JSON and as YAML', async () => {
      const json = await request(t.server).get('/api/docs/json').expect(200);
      expect(json.body.openapi).toMatch(/^3\./);
      expect(json.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      const yaml = await request(t.server).get('/api/docs/yaml').expect(200);
      expect(yaml.headers['content-type']).toMatch(/yaml/);
      expect(yaml.text).toMatch(/^openapi: 3\./m);
      expect(yaml.text).toMatch(/^  securitySchemes:\n    bearerAuth:\n(      .*\n)*?      scheme: bearer$/m);
    });
  });

  describe('the schema the migrations built', () => {
    it('has every table', async () => {
      for (const table of ['organizations', 'users', 'roles', 'org_memberships', 'groups', 'group_memberships', 'access_tokens', 'audit_logs']) {
        await expect(t.database.query(`SELECT COUNT(*) AS n FROM ${table}`)).resolves.toHaveLength(1);
      }
    });

    it('refuses a username that differs from another only in case', async () => {
      const insert = 'INSERT INTO users (id, username, created_at) VALUES ($1, $2, $3)';
      const now = new Date().toISOString();
      await t.database.execute(insert, [randomUUID(), 'alice', now]);
      const duplicate = await t.database.execute(insert, [randomUUID(), 'Alice', now]).catch((error: unknown) => error);
      expect((duplicate as { code: string }).code).toMatch(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/);
    });

    it('refuses a second membership of the same user in the same group', async () => {
      const [org] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
      const [user] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
      const group = randomUUID();
      const now = new Date().toISOString();
      await t.database.execute('INSERT INTO groups (id, org_id, name, slug, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        group,
        org.id,
        'Schema',
        'schema-test',
        'member',
        now,
        now,
      ]);
      const insert = 'INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES ($1, $2, $3, $4)';
      await t.database.execute(insert, [randomUUID(), group, user.id, now]);
      const duplicate = await t.database.execute(insert, [randomUUID(), group, user.id, now]).catch((error: unknown) => error);
      expect((duplicate as { code: string }).code).toMatch(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/);
    });
  });
});
