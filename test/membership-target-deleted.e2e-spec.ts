import { jest } from '@jest/globals';
import type { Server } from 'node:http';
import type { Database } from '../src/database/database';
import { type RawRequest, sendTogether } from './helpers/raw-http';
import { createScimToken, expectScimError, GROUP_URN, patchOf, scimClient } from './helpers/scim';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const SALES = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const ADMIN_TOKEN = 'deleted-admin-0123456789abcdef';

const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: ['admin', 'alice', 'bob', 'carol', 'dave'].map((name) => ({ username: `${name}@acme.test` })),
  memberships: ['admin', 'alice', 'bob', 'carol', 'dave'].map((name) => ({
    organization: 'acme',
    username: `${name}@acme.test`,
    role: name === 'admin' ? 'admin' : 'member',
  })),
  groups: [
    { organization: 'acme', id: ENGINEERING, name: 'Engineering', slug: 'engineering', role: 'member', members: ['alice@acme.test'] },
    { organization: 'acme', id: SALES, name: 'Sales', slug: 'sales', role: 'member', members: ['alice@acme.test'] },
  ],
  tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token: ADMIN_TOKEN }],
};

const membership = (method: 'POST' | 'DELETE', groupId: string, username: string): RawRequest => ({
  method,
  target: `/api/v1/groups/${groupId}/users/${username}`,
  headers: [['Authorization', `Bearer ${ADMIN_TOKEN}`]],
});

const BATCH = 'WITH removed AS';

/** Runs `deletion` once, just before the first batched membership statement is sent: after every lookup of its requests. */
function deleteBeforeTheStatement(database: Database, deletion: string): jest.SpiedFunction<Database['query']> {
  const query = database.query.bind(database);
  let done = false;
  return jest.spyOn(database, 'query').mockImplementation(async (sql, params) => {
    if (!done && sql.startsWith(BATCH)) {
      done = true;
      await database.execute(deletion);
    }
    return query(sql, params);
  });
}

// The batched statement of membership changes is PostgreSQL's: SQLite writes each change alone.
const describeOnPostgres = DATABASE_KINDS.includes('postgres') ? describe : describe.skip;

/**
 * A group or user deleted between a membership request's lookups and its group's batched statement fails
 * that statement: the change concerned is answered as a moment later, every other change of it is written.
 */
describeOnPostgres('membership changes whose group or user is deleted before their statement', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('postgres');
    await seed(t, fixture);
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  /** The membership entries of the audit log about the group, as `event username`. */
  const auditedUsers = async (groupId: string) =>
    (await t.database.query<{ event_type: string; metadata: unknown }>('SELECT event_type, metadata FROM audit_logs ORDER BY event_type'))
      .map(({ event_type, metadata }) => [event_type, (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as Record<string, unknown>] as const)
      .filter(([, metadata]) => metadata.groupId === groupId)
      .map(([event, metadata]) => `${event} ${String(metadata.username)}`);

  const versionOf = async (groupId: string) =>
    Number((await t.database.query<{ version: number | string }>('SELECT version FROM groups WHERE id = $1', [groupId]))[0].version);

  it('answers 404 for the addition of a deleted user and writes the other changes of its statement', async () => {
    const version = await versionOf(ENGINEERING);
    const query = deleteBeforeTheStatement(t.database, "DELETE FROM users WHERE username = 'carol@acme.test'");
    const answers = await sendTogether(t.server as Server, [
      membership('POST', ENGINEERING, 'bob@acme.test'),
      membership('POST', ENGINEERING, 'carol@acme.test'),
      membership('DELETE', ENGINEERING, 'alice@acme.test'),
    ]);
    expect(answers.map(({ status, body }) => [status, (body as { message?: unknown }).message])).toEqual([
      [200, undefined],
      [404, 'Failed to find user with username carol@acme.test'],
      [200, undefined],
    ]);
    expect(answers[1].body).toMatchObject({ statusCode: 404, error: 'NotFound' });
    // The three changes went in one statement first.
    const [first] = query.mock.calls.filter(([sql]) => sql.startsWith(BATCH));
    expect([(first[1] as unknown[])[1], (first[1] as unknown[])[14]]).toEqual([[expect.any(String)], [expect.any(String), expect.any(String)]]);
    const members = await t.database.query<{ username: string }>(
      'SELECT u.username FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 ORDER BY u.username',
      [ENGINEERING],
    );
    expect(members.map(({ username }) => username)).toEqual(['bob@acme.test']);
    expect(await auditedUsers(ENGINEERING)).toEqual(['add-user-to-group bob@acme.test', 'remove-user-from-group alice@acme.test']);
    expect(await versionOf(ENGINEERING)).toBe(version + 2);
  });

  it('answers 404 for every change of a deleted group, and writes nothing', async () => {
    deleteBeforeTheStatement(t.database, `DELETE FROM groups WHERE id = '${SALES}'`);
    const answers = await sendTogether(t.server as Server, [
      membership('POST', SALES, 'bob@acme.test'),
      membership('DELETE', SALES, 'alice@acme.test'),
      membership('POST', SALES, 'admin@acme.test'),
    ]);
    expect(answers.map(({ status, body }) => [status, (body as { message?: unknown }).message])).toEqual([
      [404, `Failed to find group with ID ${SALES}`],
      [404, 'User alice@acme.test is not part of the group sales'],
      [404, `Failed to find group with ID ${SALES}`],
    ]);
    expect(await auditedUsers(SALES)).toEqual([]);
  });

  it("answers SCIM's PATCH of one member as a moment later: 404 once its group is deleted, the group as it is once the user is", async () => {
    const idp = scimClient(t, (await createScimToken(t, ADMIN_TOKEN)).scimToken);
    const [dave] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'dave@acme.test'");
    const addDave = (groupId: string) => idp.patch(`/Groups/${groupId}`, patchOf({ op: 'add', path: 'members', value: [{ value: dave.id }] }));
    const { id: doomed } = (await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'Doomed' }).expect(201)).body;
    const { id: kept } = (await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'Kept' }).expect(201)).body;

    deleteBeforeTheStatement(t.database, `DELETE FROM groups WHERE id = '${doomed}'`);
    expectScimError(await addDave(doomed), 404);
    jest.restoreAllMocks();

    deleteBeforeTheStatement(t.database, "DELETE FROM users WHERE username = 'dave@acme.test'");
    const answer = await addDave(kept).expect(200);
    expect(answer.body).toMatchObject({ id: kept, displayName: 'Kept' });
    expect(answer.body.members ?? []).toEqual([]);
    const audited = await t.database.query("SELECT 1 FROM audit_logs WHERE event_type = 'scim-add-user-to-group'");
    expect(audited).toEqual([]);
  });
});
