import request from 'supertest';
import type { AddressInfo } from 'node:net';
import { envelopeProblems, expectEnvelope } from './helpers/envelope';
import { sendRaw } from './helpers/raw-http';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

/** The security headers of every answer, whatever its status, byte for byte. */
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const API_POLICY = "default-src 'none';frame-ancestors 'none'";
const DOCS_POLICY =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self' data:;connect-src 'self';" +
  "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

function expectSecurityHeaders(response: request.Response, contentSecurityPolicy = API_POLICY): void {
  const names = [...Object.keys(SECURITY_HEADERS), 'content-security-policy', 'x-powered-by'];
  const sent = Object.fromEntries(names.filter((name) => name in response.headers).map((name) => [name, response.headers[name] as unknown]));
  expect(sent).toEqual({ ...SECURITY_HEADERS, 'content-security-policy': contentSecurityPolicy });
}

/** A Content-Security-Policy header as a map from directive to its sources. */
function policy(response: request.Response): Record<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .filter(Boolean)
      .map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
  );
}

describe.each(DATABASE_KINDS)('HTTP hardening on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('sends the security headers and a policy that allows nothing on answers of the API', async () => {
    const answers = [
      await request(t.server).get('/api/status').expect(200),
      await request(t.server).get('/api/v1/nothing-here').expect(404),
      await request(t.server).delete('/api/v1/groups/x/users/y').expect(401),
      await request(t.server).post('/api/v1/groups').set('Content-Type', 'application/json').send('{"name":').expect(422),
      await request(t.server).get('/api/docsx').expect(404),
      await request(t.server).get('/api/v1/api/docs').expect(404),
    ];
    for (const response of answers) expectSecurityHeaders(response);
  });

  it('relaxes the policy for everything under /api/docs, in any case, and for nothing else', async () => {
    const answers = [
      await request(t.server).get('/api/docs').expect(200),
      await request(t.server).get('/API/Docs/').expect(200),
      await request(t.server).get('/api/docs/json').expect(200),
      await request(t.server).get('/api/docs/no-such-file').expect(404),
    ];
    for (const response of answers) expectSecurityHeaders(response, DOCS_POLICY);
  });

  it('refuses a body over the limit with 413 in the envelope, headers included', async () => {
    const response = await request(t.server)
      .post('/api/v1/groups')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(101 * 1024) }));
    expectEnvelope(response, 413, 'PayloadTooLarge');
    expectSecurityHeaders(response);
  });

  it('records the client address of a change only when it is one: a forged X-Forwarded-For of any length fails nothing', async () => {
    const token = 'hardening-admin-token-0123456789';
    await seed(t, {
      organizations: [{ slug: 'acme', name: 'Acme Inc' }],
      users: [{ username: 'admin@acme.test' }],
      memberships: [{ organization: 'acme', username: 'admin@acme.test', role: 'admin' }],
      tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token }],
    });
    const forwardedFor = ['203.0.113.7', '2001:db8::7', 'x'.repeat(300), `203.0.113.7, ${'y'.repeat(100)}`];
    for (const [i, value] of forwardedFor.entries()) {
      await request(t.server)
        .post('/api/v1/groups')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Forwarded-For', value)
        .send({ name: `Forwarded ${i}` })
        .expect(200);
    }
    const rows = await t.database.query<{ ip_address: string | null }>(
      "SELECT ip_address FROM audit_logs WHERE event_type = 'create-group' ORDER BY created_at",
    );
    expect(rows.map((row) => row.ip_address)).toEqual(['203.0.113.7', '2001:db8::7', null, null]);
  });

  it('lets Swagger UI load only what it serves itself: scripts from the service, inline styles, data: images', async () => {
    const page = await request(t.server).get('/api/docs').expect(200);
    const docsPolicy = policy(page);
    expect(docsPolicy['script-src']).toEqual(["'self'"]);
    expect(docsPolicy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docsPolicy['img-src']).toEqual(["'self'", 'data:']);
    expect(docsPolicy['connect-src']).toEqual(["'self'"]);
    expect(docsPolicy['upgrade-insecure-requests']).toBeUndefined();
    // The page runs no inline script, and every script and stylesheet it names is the service's own, reachable under that policy.
    const html = page.text;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    const assets = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']/gi)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      const url = new URL(asset, 'http://service/api/docs/');
      expect(url.host).toBe('service');
      const response = await request(t.server).get(url.pathname).expect(200);
      expect(policy(response)['script-src']).toEqual(["'self'"]);
    }
  });
});

describe('requests Node refuses before Express sees them', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it.each([
    ['a control character in a header', '/api/status', [['X-Note', 'a\u0001b']], 400, 'BadRequest'],
    ['a space in a header name', '/api/status', [['Broken header', 'x']], 400, 'BadRequest'],
    ['headers over Node’s limit', '/api/status', [['X-Big', 'x'.repeat(20_000)]], 431, 'RequestHeaderFieldsTooLarge'],
    ['an expectation other than 100-continue', '/api/status', [['Expect', 'teapot']], 417, 'ExpectationFailed'],
    ['a target whose path Express cannot find', '//user@host?x#y', [], 400, 'BadRequest'],
    ['a target that is a scheme alone', 'http:', [], 400, 'BadRequest'],
  ] as const)('answers %s in the envelope, with its reqId in the log', async (_case, target, headers, status, error) => {
    const response = await sendRaw(port, { method: 'GET', target, headers: headers.map(([name, value]) => [name, value] as const) });
    expect({ status: response.status, error: (response.body as { error?: string } | undefined)?.error }).toEqual({ status, error });
    expect(envelopeProblems(response)).toEqual([]);
    expect(t.logLines.some((line) => line.reqId === response.headers['x-request-id'])).toBe(true);
  });
});

describe('CORS', () => {
  const ALLOWED = 'https://app.example.com';
  let closed: TestApp;
  let open: TestApp;
  beforeAll(async () => {
    closed = await createTestApp('sqlite');
    open = await createTestApp('sqlite', { CORS_ORIGINS: `${ALLOWED}, http://localhost:3000` });
  });
  afterAll(async () => {
    await closed.close();
    await open.close();
  });

  const preflight = (t: TestApp, origin: string) =>
    request(t.server)
      .options('/api/v1/groups')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  it('is closed without CORS_ORIGINS: no origin is allowed, a preflight finds no route', async () => {
    const simple = await request(closed.server).get('/api/status').set('Origin', ALLOWED).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const response = await preflight(closed, ALLOWED);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expectEnvelope(response, 404, 'NotFound');
  });

  it('allows exactly the listed origins, with the Authorization header, and exposes the request id', async () => {
    const allowed = await preflight(open, ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const simple = await request(open.server).get('/api/status').set('Origin', ALLOWED).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(simple.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);

    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.test', 'null']) {
      expect((await preflight(open, origin)).headers['access-control-allow-origin']).toBeUndefined();
      expect((await request(open.server).get('/api/status').set('Origin', origin)).headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
