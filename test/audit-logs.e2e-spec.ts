import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  noAccess: 'token-no-access-0123456789abcdef',
  auditor: 'token-auditor-0123456789abcdef',
  grouped: 'token-grouped-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [{ organization: 'acme', slug: 'auditor', name: 'Auditor', permissions: [{ subject: 'audit-logs', action: 'read' }] }],
  users: [
    { username: 'Admin@Acme.test', firstName: 'Ada' },
    { username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
    { username: 'member@acme.test' },
    { username: 'noaccess@acme.test' },
    { username: 'auditor@acme.test' },
    { username: 'grouped@acme.test' },
    { username: 'admin@globex.test' },
  ],
  memberships: [
    { organization: 'acme', username: 'Admin@Acme.test', role: 'admin' },
    { organization: 'acme', username: 'alice@acme.test', role: 'member' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'noaccess@acme.test', role: 'no-access' },
    { organization: 'acme', username: 'auditor@acme.test', role: 'auditor' },
    { organization: 'acme', username: 'grouped@acme.test', role: 'no-access' },
    { organization: 'globex', username: 'admin@globex.test', role: 'admin' },
  ],
  groups: [{ organization: 'acme', name: 'Auditors', slug: 'auditors', role: 'auditor', members: ['grouped@acme.test'] }],
  tokens: [
    { organization: 'acme', username: 'Admin@Acme.test', name: 'e2e', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'e2e', token: tokens.member },
    { organization: 'acme', username: 'noaccess@acme.test', name: 'e2e', token: tokens.noAccess },
    { organization: 'acme', username: 'auditor@acme.test', name: 'e2e', token: tokens.auditor },
    { organization: 'acme', username: 'grouped@acme.test', name: 'e2e', token: tokens.grouped },
    { organization: 'globex', username: 'admin@globex.test', name: 'e2e', token: tokens.globex },
  ],
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_AGENT = 'audit-e2e/1.0';

/** Entries are stamped to the millisecond: steps a few apart keep "newest first" unambiguous. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(DATABASE_KINDS)('audit logs on %s', (kind) => {
  let t: TestApp;
  let adminId: string;
  let aliceId: string;
  let groupId: string;
  /** The X-Request-Id of each step of the trail, in order. */
  const reqIds: string[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}`, 'User-Agent': USER_AGENT });
  const logs = (query: Record<string, string | number> = {}, token = tokens.admin) =>
    request(t.server).get('/api/v1/organization/audit-logs').query(query).set(as(token));

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    [{ id: adminId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'Admin@Acme.test'");
    [{ id: aliceId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'alice@acme.test'");

    // The trail: create → add → a refused add (writes nothing) → remove → delete.
    const created = await request(t.server).post('/api/v1/groups').set(as(tokens.admin)).send({ name: 'Trail', slug: 'trail', role: 'member' }).expect(200);
    groupId = created.body.id;
    reqIds.push(created.headers['x-request-id']);
    await nextMillisecond();
    reqIds.push((await request(t.server).post(`/api/v1/groups/${groupId}/users/alice@acme.test`).set(as(tokens.admin)).expect(200)).headers['x-request-id']);
    await request(t.server).post(`/api/v1/groups/${groupId}/users/alice@acme.test`).set(as(tokens.admin)).expect(400);
    await nextMillisecond();
    reqIds.push((await request(t.server).delete(`/api/v1/groups/${groupId}/users/ALICE@acme.test`).set(as(tokens.admin)).expect(200)).headers['x-request-id']);
    await nextMillisecond();
    reqIds.push((await request(t.server).delete(`/api/v1/groups/${groupId}`).set(as(tokens.admin)).expect(200)).headers['x-request-id']);
    // Another organization's change, which acme must never see.
    await request(t.server).post('/api/v1/groups').set(as(tokens.globex)).send({ name: 'Globex secret', slug: 'globex-secret' }).expect(200);
  });
  afterAll(() => t.close());

  it('answers the trail of create → add → remove → delete, newest first, each entry whole', async () => {
    const response = await logs().expect(200);
    expect(response.body.totalCount).toBe(4);
    const actor = { type: 'user', metadata: { userId: adminId, username: 'Admin@Acme.test' } };
    const entry = (step: number, type: string, metadata: Record<string, unknown>) => ({
      id: expect.stringMatching(UUID),
      event: { type, metadata },
      actor,
      reqId: reqIds[step],
      ipAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
      userAgent: USER_AGENT,
      createdAt: expect.stringMatching(ISO),
    });
    const membership = { groupId, groupName: 'Trail', userId: aliceId, username: 'alice@acme.test' };
    expect(response.body.auditLogs).toEqual([
      entry(3, 'delete-group', { groupId, groupName: 'Trail', groupSlug: 'trail', role: 'member' }),
      entry(2, 'remove-user-from-group', membership),
      entry(1, 'add-user-to-group', membership),
      entry(0, 'create-group', { groupId, groupName: 'Trail', groupSlug: 'trail', role: 'member' }),
    ]);
    const times = response.body.auditLogs.map((log: { createdAt: string }) => log.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by event type', async () => {
    const response = await logs({ eventType: 'add-user-to-group' }).expect(200);
    expect(response.body.totalCount).toBe(1);
    expect(response.body.auditLogs.map((log: { reqId: string }) => log.reqId)).toEqual([reqIds[1]]);
    expect((await logs({ eventType: 'update-group' }).expect(200)).body).toEqual({ auditLogs: [], totalCount: 0 });
  });

  it('filters by a period, both ends included, given as dates or date-times with an offset', async () => {
    const all = (await logs()).body.auditLogs as { reqId: string; createdAt: string }[];
    const at = (step: number) => all.find((log) => log.reqId === reqIds[step])!.createdAt;
    const between = await logs({ startDate: at(1), endDate: at(2) }).expect(200);
    expect(between.body.auditLogs.map((log: { reqId: string }) => log.reqId)).toEqual([reqIds[2], reqIds[1]]);
    expect(between.body.totalCount).toBe(2);
    const shifted = new Date(at(1)).getTime() + 2 * 3600_000;
    const withOffset = new Date(shifted).toISOString().replace(/\.\d{3}Z$/, `.${at(1).slice(20, 23)}+02:00`);
    expect((await logs({ startDate: withOffset }).expect(200)).body.totalCount).toBe(3);
    expect((await logs({ startDate: '2000-01-01' }).expect(200)).body.totalCount).toBe(4);
    expect((await logs({ endDate: '2000-01-01T00:00:00Z' }).expect(200)).body).toEqual({ auditLogs: [], totalCount: 0 });
  });

  it('filters by actor, by user id or by username in any case', async () => {
    expect((await logs({ actor: adminId }).expect(200)).body.totalCount).toBe(4);
    expect((await logs({ actor: adminId.toUpperCase() }).expect(200)).body.totalCount).toBe(4);
    expect((await logs({ actor: 'admin@acme.TEST' }).expect(200)).body.totalCount).toBe(4);
    expect((await logs({ actor: aliceId }).expect(200)).body).toEqual({ auditLogs: [], totalCount: 0 });
    expect((await logs({ actor: 'admin@globex.test' }).expect(200)).body).toEqual({ auditLogs: [], totalCount: 0 });
  });

  it('pages with offset and limit: limit 1, limit 100, past the end', async () => {
    const second = await logs({ offset: 1, limit: 1 }).expect(200);
    expect(second.body.auditLogs.map((log: { reqId: string }) => log.reqId)).toEqual([reqIds[2]]);
    expect(second.body.totalCount).toBe(4);
    expect((await logs({ limit: 100 }).expect(200)).body.auditLogs).toHaveLength(4);
    expect((await logs({ offset: 4 }).expect(200)).body).toEqual({ auditLogs: [], totalCount: 4 });
  });

  it("answers only the actor's organization", async () => {
    const globex = await logs({}, tokens.globex).expect(200);
    expect(globex.body.totalCount).toBe(1);
    expect(globex.body.auditLogs[0].event).toMatchObject({ type: 'create-group', metadata: { groupName: 'Globex secret' } });
    const acme = (await logs({ limit: 100 })).body.auditLogs as { event: { metadata: { groupName: string } } }[];
    expect(acme.map((log) => log.event.metadata.groupName)).not.toContain('Globex secret');
  });

  it('lets read on audit-logs in from a custom org role or a group role', async () => {
    for (const token of [tokens.auditor, tokens.grouped]) expect((await logs({}, token).expect(200)).body.totalCount).toBe(4);
  });

  it('refuses an actor without read on audit-logs', async () => {
    for (const token of [tokens.member, tokens.noAccess]) {
      const response = await logs({}, token);
      expectEnvelope(response, 403, 'PermissionDenied');
      expect(response.body).toMatchObject({
        message: 'You are not allowed to read on audit-logs',
        details: { missingPermissions: [{ action: 'read', subject: 'audit-logs' }] },
      });
    }
    expectEnvelope(await request(t.server).get('/api/v1/organization/audit-logs'), 401, 'UnauthorizedError');
  });

  it.each([
    ['a start date that is not a date', { startDate: 'yesterday' }, 'startDate'],
    ['a day that does not exist', { startDate: '2026-02-30' }, 'startDate'],
    ['a month that does not exist', { endDate: '2026-13-01T00:00:00Z' }, 'endDate'],
    ['a date in another format', { endDate: '01/31/2026' }, 'endDate'],
    ['an unknown event type', { eventType: 'drop-database' }, 'eventType'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['a limit of 101', { limit: 101 }, 'limit'],
    ['a negative offset', { offset: -1 }, 'offset'],
    ['an unknown parameter', { projectId: 'x' }, 'projectId'],
  ])('answers 422 to %s', async (_case, query, field) => {
    const response = await logs(query);
    expectEnvelope(response, 422, 'ValidationFailure');
    expect(response.body.message).toEqual([expect.objectContaining({ path: [field], code: expect.any(String), message: expect.any(String) })]);
  });
});
