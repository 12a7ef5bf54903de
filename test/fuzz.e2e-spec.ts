import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { databaseDigest } from './helpers/database-digest';
import { envelopeProblems } from './helpers/envelope';
import { type RawRequest, type RawResponse, sendRaw } from './helpers/raw-http';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

/**
 * Hostile input against every route: random path segments, query strings, bodies and headers —
 * huge, unicode, control characters, wrong types, prototype-pollution keys. Whatever comes in, the
 * answer is never a 5xx, an error is always the envelope, and a refused request changes nothing.
 * FUZZ_RUNS cases per database (300 by default; `npm run test:fuzz` runs 10 000).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const ACME_GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const ACME_MANAGED = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const GLOBEX_GROUP = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182';
const tokens = {
  admin: 'fuzz-token-admin-0123456789abcdef',
  member: 'fuzz-token-member-0123456789abcdef',
  noAccess: 'fuzz-token-no-access-0123456789abcdef',
  editor: 'fuzz-token-editor-0123456789abcdef',
  globex: 'fuzz-token-globex-0123456789abcdef',
};
const USERNAMES = ['admin@acme.test', 'Alice@Acme.test', 'bob@acme.test', 'noaccess@acme.test', 'editor@acme.test', 'mallory@globex.test'];
const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    {
      organization: 'acme',
      slug: 'group-editor',
      name: 'Group editor',
      permissions: [
        { subject: 'groups', action: 'edit' },
        { subject: 'groups', action: 'read' },
      ],
    },
  ],
  users: USERNAMES.map((username) => ({ username, email: username.toLowerCase(), firstName: 'Fuzz', lastName: null })),
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'Alice@Acme.test', role: 'member' },
    { organization: 'acme', username: 'bob@acme.test', role: 'member' },
    { organization: 'acme', username: 'noaccess@acme.test', role: 'no-access' },
    { organization: 'acme', username: 'editor@acme.test', role: 'group-editor' },
    { organization: 'globex', username: 'mallory@globex.test', role: 'admin' },
  ],
  groups: [
    { organization: 'acme', id: ACME_GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: ['Alice@Acme.test', 'bob@acme.test'] },
    { organization: 'acme', id: ACME_MANAGED, name: 'Directory', slug: 'directory', role: 'member', managedExternally: true, members: ['Alice@Acme.test'] },
    { organization: 'globex', id: GLOBEX_GROUP, name: 'Globex staff', slug: 'globex-staff', role: 'member', members: ['mallory@globex.test'] },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'Alice@Acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'noaccess@acme.test', name: 'no-access', token: tokens.noAccess },
    { organization: 'acme', username: 'editor@acme.test', name: 'editor', token: tokens.editor },
    { organization: 'globex', username: 'mallory@globex.test', name: 'globex', token: tokens.globex },
  ],
};

const ROUTES: readonly (readonly [string, string])[] = [
  ['POST', '/api/v1/groups'],
  ['GET', '/api/v1/groups'],
  ['GET', '/api/v1/groups/{id}'],
  ['PATCH', '/api/v1/groups/{id}'],
  ['DELETE', '/api/v1/groups/{id}'],
  ['GET', '/api/v1/groups/{id}/users'],
  ['POST', '/api/v1/groups/{id}/users/{username}'],
  ['DELETE', '/api/v1/groups/{id}/users/{username}'],
  ['GET', '/api/v1/organization/audit-logs'],
  ['GET', '/api/status'],
  ['GET', '/metrics'],
];
const FIELDS = ['name', 'slug', 'role', 'offset', 'limit', 'search', 'username', 'filter', 'eventType', 'startDate', 'endDate', 'actor'];
const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'name[]',
  'limit[__proto__]',
  'a[b][c]',
  '',
];
const NASTY_STRINGS = [
  '__proto__',
  'constructor',
  'toString',
  '..',
  '.',
  '%',
  '%00',
  '%2e%2e',
  '%ZZ',
  '%C0%AF',
  '%FF%FE',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e308',
  '0x10',
  ' ',
  '\u0000',
  '\u202e',
  '\ufeff',
  '😀',
  'Ω',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '${7*7}',
  '<script>',
  '\r\nX-Injected: 1',
];

/** One time in sixteen, sent raw (often not valid in a URL, and refused by Node's parser); else percent-encoded. */
const sentRaw = fc.integer({ min: 0, max: 15 }).map((n) => n === 0);
const urlPart = (text: fc.Arbitrary<string>) => fc.tuple(text, sentRaw).map(([value, raw]) => (raw ? value : encodeURIComponent(value)));

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((length) => 'x'.repeat(length)) },
);
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(ACME_GROUP, ACME_MANAGED, GLOBEX_GROUP, ACME_GROUP.toUpperCase(), ...USERNAMES) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: urlPart(text) },
);
const queryValue = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.constantFrom('existingMembers', 'nonMembers', 'add-user-to-group', '2026-01-31', '2026-13-45T99:99:99Z', ...USERNAMES),
  text,
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS, ...NASTY_KEYS), fc.string({ maxLength: 10 })), queryValue), { maxLength: 5 })
  .chain((pairs) => fc.tuple(fc.constant(pairs), sentRaw))
  .map(([pairs, raw]) =>
    pairs.length === 0
      ? ''
      : '?' + pairs.map(([key, value]) => (raw ? `${key}=${value}` : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)).join('&'),
  );

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(...FIELDS, ...NASTY_KEYS),
    fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
  ),
  fc.record(
    { name: text, slug: fc.option(text), role: fc.option(fc.constantFrom('admin', 'member', 'no-access', 'group-editor', 'nope')) },
    { requiredKeys: ['name'] },
  ),
);
const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: jsonValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')) },
  // Literal prototype keys: JSON.stringify of an object would not write them.
  {
    weight: 1,
    arbitrary: text.map((name) =>
      Buffer.from(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "name": ${JSON.stringify(name)}}`),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((depth) => Buffer.from('['.repeat(depth * 100) + ']'.repeat(depth * 100))) },
  { weight: 1, arbitrary: fc.integer({ min: 90_000, max: 150_000 }).map((length) => Buffer.from(JSON.stringify({ name: 'y'.repeat(length) }))) },
);
const headerValue = fc.oneof(
  { weight: 10, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((length) => 'h'.repeat(length)) },
);
const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.values(tokens)).map((token) => `Bearer ${token}`) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.oneof(
      headerValue.map((value) => `Bearer ${value}`),
      headerValue,
      fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', `bearer ${tokens.admin}`, `Bearer  ${tokens.admin}  `, `Bearer ${tokens.admin} x`),
    ),
  },
);
const extraHeaders = fc.array(
  fc.tuple(
    fc.oneof(
      {
        weight: 9,
        arbitrary: fc.constantFrom(
          'X-Forwarded-For',
          'User-Agent',
          'Content-Type',
          'Accept',
          'Origin',
          'X-Request-Id',
          'Content-Encoding',
          'Transfer-Encoding',
          'Expect',
          '__proto__',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    headerValue,
  ),
  { maxLength: 2 },
);
const method = (usual: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(usual) },
    { weight: 2, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'FOO') },
  );

const hostileRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    route: fc.oneof(
      { weight: 18, arbitrary: fc.constantFrom(...ROUTES) },
      { weight: 1, arbitrary: fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => ['GET', '/' + parts.join('/')] as const) },
      // Targets that are not a plain path: a host or a scheme where the path should be.
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('//', '///', 'http:', 'http://h', '*', 'mailto:', '//u@h/'), segment)
          .map(([start, rest]) => ['GET', start + rest] as const),
      },
    ),
    id: segment,
    username: segment,
    query,
    body,
    authorization,
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      },
      { weight: 1, arbitrary: headerValue },
    ),
    extraHeaders,
  })
  .chain((parts) => method(parts.route[0]).map((verb) => ({ ...parts, verb })))
  .map(({ route, id, username, query: search, body: payload, authorization: auth, contentType, extraHeaders: extra, verb }) => {
    const headers: [string, string][] = [];
    if (auth !== undefined) headers.push(['Authorization', auth]);
    if (payload !== undefined) headers.push(['Content-Type', contentType]);
    headers.push(...extra);
    const request = { method: verb, target: route[1].replace('{id}', id).replace('{username}', username) + search, headers, body: payload };
    return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
  });

/** A counterexample short enough to read: long values are cut. */
function describeRequest(request: RawRequest): string {
  const cut = (value: string) => JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…(${value.length} chars)` : value);
  const headers = request.headers.map(([name, value]) => `${cut(name)}: ${cut(value)}`).join(', ');
  const body = request.body === undefined ? 'no body' : `body ${cut(request.body.toString('utf8'))}`;
  return `${request.method} ${cut(request.target)} [${headers}] ${body}`;
}

describe.each(DATABASE_KINDS)('hostile input on every route, on %s', (kind) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it(
    `never answers 5xx, always in the envelope, and a refused request changes nothing (${RUNS} cases)`,
    async () => {
      const statuses = new Map<number, number>();
      let cases = 0;
      let serverErrors = 0;
      let unparsed = 0;
      let state = await databaseDigest(t);
      await fc.assert(
        fc.asyncProperty(hostileRequest, async (hostile) => {
          cases += 1;
          const response: RawResponse = await sendRaw(port, hostile);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if ((response.body as { message?: unknown } | undefined)?.message === 'The request is not valid HTTP') unparsed += 1;
          if (response.status >= 500) serverErrors += 1;
          const after = await databaseDigest(t);
          const changed = after !== state;
          state = after;
          const problems = [
            ...(response.status >= 500 ? [`status ${response.status}`] : []),
            ...(response.status >= 400 && hostile.method !== 'HEAD' ? envelopeProblems(response) : []),
            ...(response.status >= 400 && changed ? ['a refused request changed the database'] : []),
            ...(({} as Record<string, unknown>).polluted !== undefined ? ['Object.prototype was polluted'] : []),
          ];
          if (problems.length > 0) {
            throw new Error(`${problems.join('; ')}: answered ${response.status} ${response.text.slice(0, 300)}`);
          }
        }),
        { numRuns: RUNS },
      );
      const histogram = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      console.log(
        `Fuzzing on ${kind}: ${RUNS} cases (${cases} requests with shrinking), ${serverErrors} answered 5xx; statuses ${histogram} (${unparsed} of the 400s from Node's parser)`,
      );
      expect(serverErrors).toBe(0);
    },
    Math.max(120_000, RUNS * 100),
  );
});
