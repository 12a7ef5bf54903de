import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const MANAGED = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const EMPTY = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const GLOBEX_SALES = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182';
const CROWD = '6b7c8d9e-0f1a-4b2c-8d3e-5f6071829304';
const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  noAccess: 'token-no-access-0123456789abcdef',
  editor: 'token-editor-0123456789abcdef',
  reader: 'token-reader-0123456789abcdef',
  adder: 'token-adder-0123456789abcdef',
  grouped: 'token-grouped-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
  crowd: 'token-crowd-0123456789abcdef',
};

interface FixtureUser {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** First names are capitalized and usernames lowercase ASCII, so that every collation orders them as `<` does. */
const ACME_USERS: FixtureUser[] = [
  { username: 'admin@acme.test', email: 'admin@acme.test', firstName: 'Ada', lastName: 'Admin' },
  { username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
  { username: 'alicia@acme.test', email: 'alicia@acme.test', firstName: 'Alice', lastName: 'Second' },
  { username: 'bob@acme.test', email: 'bob@builder.test', firstName: 'Bob', lastName: 'Builder' },
  { username: 'carol@acme.test', firstName: 'Carol' },
  { username: 'zed@acme.test' },
  { username: 'anon@acme.test' },
  { username: 'member@acme.test', firstName: 'Mia' },
  { username: 'noaccess@acme.test', firstName: 'Nora' },
  { username: 'editor@acme.test', firstName: 'Eddie' },
  { username: 'reader@acme.test', firstName: 'Rita' },
  { username: 'adder@acme.test', firstName: 'Adam' },
  { username: 'grouped@acme.test', firstName: 'Greta' },
];
const ROLES: Record<string, string> = {
  'admin@acme.test': 'admin',
  'member@acme.test': 'member',
  'noaccess@acme.test': 'no-access',
  'editor@acme.test': 'group-editor',
  'reader@acme.test': 'group-reader',
  'adder@acme.test': 'group-adder',
  'grouped@acme.test': 'no-access',
};
const ENGINEERS = ['alice@acme.test', 'bob@acme.test', 'zed@acme.test'];

/** A second organization whose group is large enough to be read from the index rather than gathered. */
const CROWD_SIZE = 1100;
const CROWD_MEMBERS = 1050;
const CROWD_ADMIN: FixtureUser = { username: 'crowd-admin@crowd.test', firstName: 'Zoe' };
const CROWD_USERS: FixtureUser[] = Array.from({ length: CROWD_SIZE }, (_, i) => ({
  username: `crowd${String(i).padStart(4, '0')}@crowd.test`,
  ...(i % 7 === 0 ? {} : { firstName: `First${String((i * 37) % 50).padStart(2, '0')}` }),
}));

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
    { slug: 'crowd', name: 'Crowd' },
  ],
  roles: [
    { organization: 'acme', slug: 'group-editor', name: 'Group editor', permissions: [{ subject: 'groups', action: 'edit' }] },
    { organization: 'acme', slug: 'group-reader', name: 'Group reader', permissions: [{ subject: 'groups', action: 'read' }] },
    {
      organization: 'acme',
      slug: 'group-adder',
      name: 'Group adder',
      permissions: [
        { subject: 'groups', action: 'edit' },
        { subject: 'groups', action: 'add-members' },
        { subject: 'groups', action: 'read' },
      ],
    },
  ],
  users: [...ACME_USERS, { username: 'mallory@globex.test', email: 'alice@globex.test', firstName: 'Alice' }, CROWD_ADMIN, ...CROWD_USERS],
  memberships: [
    ...ACME_USERS.map(({ username }) => ({ organization: 'acme', username, role: ROLES[username] ?? 'member' })),
    { organization: 'globex', username: 'mallory@globex.test', role: 'admin' },
    { organization: 'crowd', username: 'crowd-admin@crowd.test', role: 'admin' },
    ...CROWD_USERS.map(({ username }) => ({ organization: 'crowd', username, role: 'member' })),
  ],
  groups: [
    { organization: 'acme', id: ENGINEERING, name: 'Engineering', slug: 'engineering', role: 'member', members: ENGINEERS },
    { organization: 'acme', id: MANAGED, name: 'Directory', slug: 'directory', role: 'member', managedExternally: true, members: ['alice@acme.test'] },
    { organization: 'acme', id: EMPTY, name: 'Empty', slug: 'empty', role: 'member' },
    { organization: 'acme', name: 'Adders', slug: 'adders', role: 'group-adder', members: ['grouped@acme.test'] },
    { organization: 'globex', id: GLOBEX_SALES, name: 'Sales', slug: 'sales', role: 'member', members: ['mallory@globex.test'] },
    { organization: 'crowd', id: CROWD, name: 'Crowd', slug: 'crowd', role: 'member', members: CROWD_USERS.slice(0, CROWD_MEMBERS).map((u) => u.username) },
  ],
  tokens: [
    ...Object.entries({ admin: 'admin', member: 'member', noAccess: 'noaccess', editor: 'editor', reader: 'reader', adder: 'adder', grouped: 'grouped' }).map(
      ([key, name]) => ({ organization: 'acme', username: `${name}@acme.test`, name: 'e2e', token: tokens[key as keyof typeof tokens] }),
    ),
    { organization: 'globex', username: 'mallory@globex.test', name: 'e2e', token: tokens.globex },
    { organization: 'crowd', username: 'crowd-admin@crowd.test', name: 'e2e', token: tokens.crowd },
  ],
};

/** The listing's order: first name with users without one last, then username. */
function byListingOrder(a: FixtureUser, b: FixtureUser): number {
  if ((a.firstName ?? null) !== (b.firstName ?? null)) {
    if (a.firstName === undefined) return 1;
    if (b.firstName === undefined) return -1;
    return a.firstName < b.firstName ? -1 : 1;
  }
  return a.username < b.username ? -1 : 1;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(DATABASE_KINDS)('group users on %s', (kind) => {
  let t: TestApp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = (groupId: string, query: Record<string, string | number> = {}, token = tokens.admin) =>
    request(t.server).get(`/api/v1/groups/${groupId}/users`).query(query).set(as(token));
  const add = (groupId: string, username: string, token = tokens.admin) =>
    request(t.server)
      .post(`/api/v1/groups/${groupId}/users/${encodeURIComponent(username)}`)
      .set(as(token));
  const usernames = (body: { users: { username: string }[] }) => body.users.map((user) => user.username);
  const membersOf = async (groupId: string) =>
    (
      await t.database.query<{ username: string }>('SELECT u.username FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1', [
        groupId,
      ])
    ).map((row) => row.username);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
  }, 60_000);
  afterAll(() => t.close());

  describe('GET /api/v1/groups/{id}/users', () => {
    const everyone = [...ACME_USERS].sort(byListingOrder);

    it('pages through every user of the organization, members marked, in listing order', async () => {
      const response = await list(ENGINEERING, { limit: 100 }).expect(200);
      expect(response.body.totalCount).toBe(ACME_USERS.length);
      expect(usernames(response.body)).toEqual(everyone.map((u) => u.username));
      const alice = response.body.users.find((u: { username: string }) => u.username === 'alice@acme.test');
      expect(alice).toEqual({
        id: expect.stringMatching(UUID),
        email: 'alice@acme.test',
        username: 'alice@acme.test',
        firstName: 'Alice',
        lastName: 'Liddell',
        isPartOfGroup: true,
        joinedGroupAt: expect.stringMatching(ISO),
      });
      const carol = response.body.users.find((u: { username: string }) => u.username === 'carol@acme.test');
      expect(carol).toEqual({
        id: expect.stringMatching(UUID),
        email: null,
        username: 'carol@acme.test',
        firstName: 'Carol',
        lastName: null,
        isPartOfGroup: false,
        joinedGroupAt: null,
      });
      for (const user of response.body.users) expect(user.isPartOfGroup).toBe(ENGINEERS.includes(user.username));
    });

    it('puts users without a first name last, then orders them by username', async () => {
      const response = await list(ENGINEERING, { filter: 'existingMembers' }).expect(200);
      expect(response.body.totalCount).toBe(3);
      expect(usernames(response.body)).toEqual(['alice@acme.test', 'bob@acme.test', 'zed@acme.test']);
      expect(response.body.users.every((u: { isPartOfGroup: boolean; joinedGroupAt: string }) => u.isPartOfGroup && ISO.test(u.joinedGroupAt))).toBe(true);
      const tail = usernames((await list(ENGINEERING, { limit: 100 })).body).slice(-2);
      expect(tail).toEqual(['anon@acme.test', 'zed@acme.test']);
    });

    it('lists the non-members only with filter=nonMembers', async () => {
      const response = await list(ENGINEERING, { filter: 'nonMembers', limit: 100 }).expect(200);
      expect(usernames(response.body)).toEqual(everyone.filter((u) => !ENGINEERS.includes(u.username)).map((u) => u.username));
      expect(response.body.totalCount).toBe(ACME_USERS.length - ENGINEERS.length);
      expect(response.body.users.every((u: { isPartOfGroup: boolean; joinedGroupAt: null }) => !u.isPartOfGroup && u.joinedGroupAt === null)).toBe(true);
    });

    it('defaults to the first 10 users', async () => {
      const response = await list(ENGINEERING).expect(200);
      expect(usernames(response.body)).toEqual(everyone.slice(0, 10).map((u) => u.username));
      expect(response.body.totalCount).toBe(ACME_USERS.length);
    });

    it('pages without gaps or repeats, with limit 1 and past the end', async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < ACME_USERS.length; offset++) {
        const page = await list(ENGINEERING, { offset, limit: 1 }).expect(200);
        expect(page.body.totalCount).toBe(ACME_USERS.length);
        seen.push(...usernames(page.body));
      }
      expect(seen).toEqual(everyone.map((u) => u.username));
      for (const offset of [ACME_USERS.length, 1000]) {
        expect((await list(ENGINEERING, { offset, limit: 100 }).expect(200)).body).toEqual({ users: [], totalCount: ACME_USERS.length });
      }
      expect((await list(EMPTY, { filter: 'existingMembers' }).expect(200)).body).toEqual({ users: [], totalCount: 0 });
    });

    it('searches usernames, emails, first and last names, in any case, within the organization', async () => {
      const alices = await list(ENGINEERING, { search: 'ALI' }).expect(200);
      expect(usernames(alices.body)).toEqual(['alice@acme.test', 'alicia@acme.test']);
      expect(alices.body.totalCount).toBe(2);
      expect(usernames((await list(ENGINEERING, { search: 'builder.test' })).body)).toEqual(['bob@acme.test']);
      expect(usernames((await list(ENGINEERING, { search: 'liddell' })).body)).toEqual(['alice@acme.test']);
      expect(usernames((await list(ENGINEERING, { search: 'ali', filter: 'nonMembers' })).body)).toEqual(['alicia@acme.test']);
      expect(usernames((await list(ENGINEERING, { search: 'ali', filter: 'existingMembers' })).body)).toEqual(['alice@acme.test']);
      expect((await list(ENGINEERING, { search: 'nobody-like-this' }).expect(200)).body).toEqual({ users: [], totalCount: 0 });
      expect((await list(ENGINEERING, { search: 'globex' }).expect(200)).body).toEqual({ users: [], totalCount: 0 });
    });

    it('filters by a whole username in any case; search wins when both are given', async () => {
      const response = await list(ENGINEERING, { username: 'ALICE@acme.TEST' }).expect(200);
      expect(usernames(response.body)).toEqual(['alice@acme.test']);
      expect(response.body.totalCount).toBe(1);
      expect((await list(ENGINEERING, { username: 'ali' })).body).toEqual({ users: [], totalCount: 0 });
      expect((await list(ENGINEERING, { username: 'mallory@globex.test' })).body).toEqual({ users: [], totalCount: 0 });
      expect(usernames((await list(ENGINEERING, { username: 'zed@acme.test', search: 'bob' })).body)).toEqual(['bob@acme.test']);
      expect(usernames((await list(ENGINEERING, { username: 'zed@acme.test', filter: 'existingMembers' })).body)).toEqual(['zed@acme.test']);
    });

    describe('a result larger than the gathered ones', () => {
      const everyoneInCrowd = [...CROWD_USERS, CROWD_ADMIN].sort(byListingOrder);
      const members = CROWD_USERS.slice(0, CROWD_MEMBERS).sort(byListingOrder);
      const outside = [...CROWD_USERS.slice(CROWD_MEMBERS), CROWD_ADMIN].sort(byListingOrder).map((u) => u.username);
      const walk = async (query: Record<string, string>) => {
        const seen: string[] = [];
        for (let offset = 0; ; offset += 100) {
          const page = await list(CROWD, { ...query, offset, limit: 100 }, tokens.crowd).expect(200);
          if (page.body.users.length === 0) return { seen, totalCount: page.body.totalCount };
          seen.push(...usernames(page.body));
        }
      };

      it('is read from the index in the same order as a small one is sorted', async () => {
        const all = await walk({});
        expect(all.totalCount).toBe(CROWD_SIZE + 1);
        expect(all.seen).toEqual(everyoneInCrowd.map((u) => u.username));
        expect(await walk({ filter: 'existingMembers' })).toEqual({ seen: members.map((u) => u.username), totalCount: CROWD_MEMBERS });
        expect(await walk({ filter: 'nonMembers' })).toEqual({ seen: outside, totalCount: CROWD_SIZE - CROWD_MEMBERS + 1 });
        const last = await list(CROWD, { filter: 'existingMembers', offset: CROWD_MEMBERS - 1, limit: 100 }, tokens.crowd).expect(200);
        expect(usernames(last.body)).toEqual([members[CROWD_MEMBERS - 1].username]);
      });

      it('is counted and paged in listing order when a search matches it', async () => {
        // Every user of the organization matches `CROWD`, in any case; the members alone are more than gathered too.
        expect(await walk({ search: 'CROWD' })).toEqual({ seen: everyoneInCrowd.map((u) => u.username), totalCount: CROWD_SIZE + 1 });
        expect(await walk({ search: 'CROWD', filter: 'existingMembers' })).toEqual({ seen: members.map((u) => u.username), totalCount: CROWD_MEMBERS });
        expect(await walk({ search: 'CROWD', filter: 'nonMembers' })).toEqual({ seen: outside, totalCount: CROWD_SIZE - CROWD_MEMBERS + 1 });
        const last = await list(CROWD, { search: 'crowd', filter: 'existingMembers', offset: CROWD_MEMBERS - 1, limit: 100 }, tokens.crowd).expect(200);
        expect(last.body).toEqual({
          users: [expect.objectContaining({ username: members[CROWD_MEMBERS - 1].username, isPartOfGroup: true })],
          totalCount: CROWD_MEMBERS,
        });
      });
    });

    it('lets read on groups list, from an org role, a custom role or a group role', async () => {
      for (const token of [tokens.member, tokens.reader, tokens.grouped]) await list(ENGINEERING, {}, token).expect(200);
    });

    it('refuses an actor without read on groups', async () => {
      for (const token of [tokens.noAccess, tokens.editor]) {
        const response = await list(ENGINEERING, {}, token);
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body).toMatchObject({
          message: 'You are not allowed to read on groups',
          details: { missingPermissions: [{ action: 'read', subject: 'groups' }] },
        });
      }
    });

    it('answers a missing group and one of another organization alike', async () => {
      for (const [groupId, token] of [
        [MISSING, tokens.admin],
        [GLOBEX_SALES, tokens.admin],
        [ENGINEERING, tokens.globex],
      ]) {
        const response = await list(groupId, {}, token);
        expectEnvelope(response, 404, 'NotFound');
        expect(response.body.message).toBe(`Failed to find group with ID ${groupId}`);
      }
    });

    it.each([
      ['a negative offset', { offset: -1 }, 'offset'],
      ['an offset that is not a number', { offset: 'abc' }, 'offset'],
      ['a limit of 0', { limit: 0 }, 'limit'],
      ['a limit of 101', { limit: 101 }, 'limit'],
      ['a fractional limit', { limit: 1.5 }, 'limit'],
      ['a search with %', { search: 'a%b' }, 'search'],
      ['a search with _', { search: 'a_b' }, 'search'],
      ['a search with a space', { search: 'alice liddell' }, 'search'],
      ['a search with a quote', { search: "o'neil" }, 'search'],
      ['a search over 255 characters', { search: 'a'.repeat(256) }, 'search'],
      ['an unknown filter', { filter: 'members' }, 'filter'],
      ['an unknown parameter', { sort: 'name' }, 'sort'],
    ])('answers 422 to %s', async (_case, query, field) => {
      const response = await list(ENGINEERING, query);
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ path: [field], code: expect.any(String), message: expect.any(String) })]);
    });

    it('answers 422 to a group id that is not a UUID', async () => {
      expectEnvelope(await list('engineering'), 422, 'ValidationFailure');
    });
  });

  describe('POST /api/v1/groups/{id}/users/{username}', () => {
    it('adds an organization member found in any case, answers the stored user and audits it', async () => {
      const response = await add(EMPTY, 'ALICIA@Acme.Test').expect(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        username: 'alicia@acme.test',
        email: 'alicia@acme.test',
        firstName: 'Alice',
        lastName: 'Second',
      });
      expect(await membersOf(EMPTY)).toEqual(['alicia@acme.test']);
      const [entry] = await t.database.query<{ metadata: unknown; req_id: string; actor_username: string }>(
        "SELECT metadata, req_id, actor_username FROM audit_logs WHERE event_type = 'add-user-to-group' AND req_id = $1",
        [response.headers['x-request-id']],
      );
      const metadata = typeof entry.metadata === 'string' ? JSON.parse(entry.metadata) : entry.metadata;
      expect(metadata).toEqual({ groupId: EMPTY, groupName: 'Empty', userId: response.body.id, username: 'alicia@acme.test' });
      expect(entry.actor_username).toBe('admin@acme.test');
      const listed = await list(EMPTY, { filter: 'existingMembers' }).expect(200);
      expect(listed.body.users).toEqual([{ ...response.body, isPartOfGroup: true, joinedGroupAt: expect.stringMatching(ISO) }]);
    });

    it('answers null for the fields the user has not', async () => {
      const response = await add(EMPTY, 'zed@acme.test').expect(200);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID), username: 'zed@acme.test', email: null, firstName: null, lastName: null });
    });

    it('refuses a user who is a member already with 400', async () => {
      const response = await add(ENGINEERING, 'Alice@Acme.Test');
      expectEnvelope(response, 400, 'BadRequest');
      expect(response.body.message).toBe('User Alice@Acme.Test is already part of the group engineering');
    });

    it('settles 20 concurrent identical adds in the database: one 200, the others 400, one row, one audit entry', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => add(ENGINEERING, 'carol@acme.test')));
      expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(400)]);
      for (const refused of responses.filter((r) => r.status === 400)) expectEnvelope(refused, 400, 'BadRequest');
      expect((await membersOf(ENGINEERING)).filter((name) => name === 'carol@acme.test')).toHaveLength(1);
      const audits = (await t.database.query<{ metadata: unknown }>("SELECT metadata FROM audit_logs WHERE event_type = 'add-user-to-group'"))
        .map(({ metadata }) => (typeof metadata === 'string' ? JSON.parse(metadata) : metadata))
        .filter((metadata) => metadata.groupId === ENGINEERING && metadata.username === 'carol@acme.test');
      expect(audits).toHaveLength(1);
    });

    it('refuses a group whose memberships an identity provider manages', async () => {
      const response = await add(MANAGED, 'bob@acme.test');
      expectEnvelope(response, 400, 'BadRequest');
      expect(response.body.message).toBe('The memberships of group directory are managed by an identity provider and cannot be changed here');
    });

    it('refuses an actor without edit, then one with edit but without add-members', async () => {
      for (const token of [tokens.member, tokens.noAccess, tokens.reader]) {
        const response = await add(EMPTY, 'bob@acme.test', token);
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body.message).toBe('You are not allowed to edit on groups');
      }
      const response = await add(EMPTY, 'bob@acme.test', tokens.editor);
      expectEnvelope(response, 403, 'PermissionBoundaryError');
      expect(response.body).toMatchObject({
        message: 'Failed to add user to more privileged group. Actor is missing permission add-members on groups',
        details: { missingPermissions: [{ action: 'add-members', subject: 'groups' }] },
      });
      expect(await membersOf(EMPTY)).not.toContain('bob@acme.test');
    });

    it('lets add-members come from a custom org role or from a group role', async () => {
      await add(EMPTY, 'bob@acme.test', tokens.adder).expect(200);
      await add(EMPTY, 'carol@acme.test', tokens.grouped).expect(200);
    });

    it('never finds a user of another organization, nor a group of another organization', async () => {
      const foreignUser = await add(EMPTY, 'mallory@globex.test');
      expectEnvelope(foreignUser, 404, 'NotFound');
      expect(foreignUser.body.message).toBe('Failed to find user with username mallory@globex.test');
      expectEnvelope(await add(EMPTY, 'nobody@acme.test'), 404, 'NotFound');
      expectEnvelope(await add(GLOBEX_SALES, 'alice@acme.test'), 404, 'NotFound');
      const foreignActor = await add(EMPTY, 'mallory@globex.test', tokens.globex);
      expectEnvelope(foreignActor, 404, 'NotFound');
      expect(foreignActor.body.message).toBe(`Failed to find group with ID ${EMPTY}`);
      expect(await membersOf(GLOBEX_SALES)).toEqual(['mallory@globex.test']);
    });

    it.each([
      ['a group id that is not a UUID', 'not-a-uuid', 'bob@acme.test', 'id'],
      ['a blank username', EMPTY, '   ', 'username'],
      ['a username over 255 characters', EMPTY, 'a'.repeat(256), 'username'],
      ['a username with a control character', EMPTY, 'bob\u0001@acme.test', 'username'],
    ])('answers 422 to %s', async (_case, groupId, username, field) => {
      const response = await add(groupId, username);
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ path: [field] })]);
    });
  });
});
