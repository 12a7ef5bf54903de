import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  scimAdmin: 'token-scim-admin-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    {
      organization: 'acme',
      slug: 'scim-admin',
      name: 'SCIM admin',
      permissions: ['read', 'create', 'delete'].map((action) => ({ subject: 'scim', action })),
    },
  ],
  users: [{ username: 'admin@acme.test' }, { username: 'member@acme.test' }, { username: 'scim@acme.test' }, { username: 'admin@globex.test' }],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'scim@acme.test', role: 'scim-admin' },
    { organization: 'globex', username: 'admin@globex.test', role: 'admin' },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'e2e', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'e2e', token: tokens.member },
    { organization: 'acme', username: 'scim@acme.test', name: 'e2e', token: tokens.scimAdmin },
    { organization: 'globex', username: 'admin@globex.test', name: 'e2e', token: tokens.globex },
  ],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(DATABASE_KINDS)('SCIM tokens through the regular API (%s)', (kind) => {
  let t: TestApp;
  let acmeId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const create = (body: object, token = tokens.admin) => request(t.server).post('/api/v1/scim/scim-tokens').set(as(token)).send(body);
  const list = (token = tokens.admin, query: Record<string, string> = {}) => request(t.server).get('/api/v1/scim/scim-tokens').query(query).set(as(token));

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    [{ id: acmeId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
  });
  afterAll(() => t.close());

  it('creates a token whose secret is answered once and stored only as a hash', async () => {
    const before = Date.now();
    const response = await create({ description: 'Okta', ttlDays: 30, organizationId: 'acme' }).expect(200);
    expect(response.body).toEqual({
      scimToken: expect.stringMatching(/^scim_[A-Za-z0-9_-]{43}$/),
      id: expect.stringMatching(UUID),
      orgId: acmeId,
      description: 'Okta',
      ttlDays: 30,
      expiresAt: expect.any(String),
      lastUsedAt: null,
      createdAt: expect.any(String),
    });
    const days = (Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)) / 86_400_000;
    expect(days).toBe(30);
    expect(Date.parse(response.body.createdAt)).toBeGreaterThanOrEqual(before - 1);
    const stored = await t.database.query<Record<string, unknown>>('SELECT * FROM scim_tokens WHERE id = $1', [response.body.id]);
    expect(JSON.stringify(stored)).not.toContain(response.body.scimToken);

    const listed = (await list().expect(200)).body.scimTokens.find((token: { id: string }) => token.id === response.body.id);
    const { scimToken: secret, ...record } = response.body;
    expect(listed).toEqual(record);
    expect(JSON.stringify((await list().expect(200)).body)).not.toContain(secret);
    expect(JSON.stringify(t.logLines)).not.toContain(secret);
  });

  it('defaults to no description and no expiry, by the organization id too, and lists newest first', async () => {
    const first = await create({ organizationId: acmeId.toUpperCase() }).expect(200);
    expect(first.body).toMatchObject({ description: '', ttlDays: 0, expiresAt: null });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await create({}).expect(200);
    const ids = (await list(tokens.admin, { organizationId: 'acme' }).expect(200)).body.scimTokens.map((token: { id: string }) => token.id);
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
  });

  it('refuses malformed input with 422', async () => {
    for (const body of [
      { ttlDays: 731 },
      { ttlDays: -1 },
      { ttlDays: 1.5 },
      { ttlDays: '3' },
      { description: 'x'.repeat(256) },
      { description: 7 },
      { unknown: 1 },
    ]) {
      expectEnvelope(await create(body), 422, 'ValidationFailure');
    }
    expectEnvelope(await request(t.server).delete('/api/v1/scim/scim-tokens/not-a-uuid').set(as(tokens.admin)), 422, 'ValidationFailure');
  });

  it('answers 404 for another organization, by id or slug, and for a token of another organization', async () => {
    const [{ id: globexId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'globex'");
    expectEnvelope(await create({ organizationId: 'globex' }), 404, 'NotFound');
    expectEnvelope(await create({ organizationId: globexId }), 404, 'NotFound');
    expectEnvelope(await list(tokens.admin, { organizationId: 'globex' }), 404, 'NotFound');
    const globexToken = await create({ description: 'globex' }, tokens.globex).expect(200);
    expectEnvelope(await request(t.server).delete(`/api/v1/scim/scim-tokens/${globexToken.body.id}`).set(as(tokens.admin)), 404, 'NotFound');
    expect((await list().expect(200)).body.scimTokens.map((token: { id: string }) => token.id)).not.toContain(globexToken.body.id);
  });

  it('needs the scim permissions, which a custom role can grant', async () => {
    for (const [response, action] of [
      [await create({}, tokens.member), 'create'],
      [await list(tokens.member), 'read'],
      [await request(t.server).delete('/api/v1/scim/scim-tokens/5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293').set(as(tokens.member)), 'delete'],
    ] as const) {
      expectEnvelope(response, 403, 'PermissionDenied');
      expect(response.body).toMatchObject({
        message: `You are not allowed to ${action} on scim`,
        details: { missingPermissions: [{ action, subject: 'scim' }] },
      });
    }
    const created = await create({ description: 'by role' }, tokens.scimAdmin).expect(200);
    await request(t.server).delete(`/api/v1/scim/scim-tokens/${created.body.id}`).set(as(tokens.scimAdmin)).expect(200);
  });

  it('deletes a token with its record as the answer, audits both changes, and a second delete is 404', async () => {
    const created = await create({ description: 'Entra' }).expect(200);
    const { scimToken: secret, ...record } = created.body;
    const deleted = await request(t.server).delete(`/api/v1/scim/scim-tokens/${record.id}`).set(as(tokens.admin)).expect(200);
    expect(deleted.body).toEqual({ scimToken: record });
    expectEnvelope(await request(t.server).delete(`/api/v1/scim/scim-tokens/${record.id}`).set(as(tokens.admin)), 404, 'NotFound');
    const audit = await request(t.server).get('/api/v1/organization/audit-logs').query({ limit: 100 }).set(as(tokens.admin)).expect(200);
    const events = audit.body.auditLogs.filter((log: { event: { metadata: { scimTokenId?: string } } }) => log.event.metadata.scimTokenId === record.id);
    expect(events.map((log: { event: unknown }) => log.event)).toEqual([
      { type: 'delete-scim-token', metadata: { scimTokenId: record.id, description: 'Entra' } },
      { type: 'create-scim-token', metadata: { scimTokenId: record.id, description: 'Entra' } },
    ]);
    expect(events[0].actor).toMatchObject({ type: 'user' });
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('never accepts a SCIM token on a regular route, the token routes included', async () => {
    const { scimToken } = (await create({}).expect(200)).body;
    for (const path of ['/api/v1/groups', '/api/v1/scim/scim-tokens', '/api/v1/organization/audit-logs']) {
      expectEnvelope(await request(t.server).get(path).set(as(scimToken)), 401, 'UnauthorizedError');
    }
  });
});
