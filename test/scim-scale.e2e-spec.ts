import { createScimToken, patchOf, type ScimClient, scimClient } from './helpers/scim';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN = 'token-admin-0123456789abcdef';
const USERS = 2500;
const GROUPS = 1200;
const BIG_GROUP = 'b16b16b1-6b16-4b16-8b16-b16b16b16b16';

const username = (n: number) => `user${String(n).padStart(5, '0')}@scale.test`;

const fixture = {
  organizations: [{ slug: 'scale', name: 'Scale' }],
  users: [{ username: 'admin@scale.test' }, ...Array.from({ length: USERS }, (_, n) => ({ username: username(n) }))],
  memberships: [
    { organization: 'scale', username: 'admin@scale.test', role: 'admin' },
    ...Array.from({ length: USERS }, (_, n) => ({ organization: 'scale', username: username(n) })),
  ],
  groups: [
    ...Array.from({ length: GROUPS }, (_, n) => ({ organization: 'scale', name: `Team ${n}`, slug: `team-${n}` })),
    { organization: 'scale', id: BIG_GROUP, name: 'Everyone', slug: 'everyone', members: Array.from({ length: USERS }, (_, n) => username(n)) },
  ],
  tokens: [{ organization: 'scale', username: 'admin@scale.test', name: 'e2e', token: ADMIN }],
};

describe.each(DATABASE_KINDS)('SCIM at scale (%s)', (kind) => {
  let t: TestApp;
  let idp: ScimClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    idp = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
  }, 120_000);
  afterAll(() => t.close());

  /** Every id of a listing, page after page, and the totalResults each page gave. */
  async function pageThrough(path: string, count: number): Promise<{ ids: string[]; totals: Set<number> }> {
    const ids: string[] = [];
    const totals = new Set<number>();
    for (let startIndex = 1; ; startIndex += count) {
      const { body } = await idp.get(`${path}${path.includes('?') ? '&' : '?'}startIndex=${startIndex}&count=${count}&attributes=id`).expect(200);
      totals.add(body.totalResults);
      expect(body).toMatchObject({ startIndex, itemsPerPage: body.Resources.length });
      ids.push(...body.Resources.map((resource: { id: string }) => resource.id));
      if (body.Resources.length < count) return { ids, totals };
    }
  }

  it('pages through thousands of users and groups without a gap or a duplicate, in a stable order', async () => {
    const users = await pageThrough('/Users', 100);
    expect(users.totals).toEqual(new Set([USERS + 1]));
    expect(new Set(users.ids).size).toBe(USERS + 1);
    const [{ total }] = await t.database.query<{ total: number | string }>('SELECT count(*) AS total FROM org_memberships');
    expect(users.ids.length).toBe(Number(total));

    const filtered = await pageThrough(`/Users?filter=${encodeURIComponent('userName sw "USER01"')}`, 77);
    expect(filtered.totals).toEqual(new Set([1000]));
    expect(new Set(filtered.ids).size).toBe(1000);

    const groups = await pageThrough('/Groups', 100);
    expect(groups.totals).toEqual(new Set([GROUPS + 1]));
    expect(new Set(groups.ids).size).toBe(GROUPS + 1);
    // A count above 100 is capped; past the end, an empty page with the total.
    expect((await idp.get('/Groups?count=500&attributes=id').expect(200)).body.itemsPerPage).toBe(100);
    expect((await idp.get(`/Groups?startIndex=${GROUPS + 50}`).expect(200)).body).toMatchObject({ totalResults: GROUPS + 1, itemsPerPage: 0, Resources: [] });
    expect((await idp.get('/Groups?count=0').expect(200)).body).toMatchObject({ totalResults: GROUPS + 1, itemsPerPage: 0, Resources: [] });
  }, 120_000);

  it('loses nothing to concurrent member PATCHes of one group, and moves its version by exactly one per change', async () => {
    const group = (await idp.post('/Groups', { displayName: 'Concurrent' }).expect(201)).body;
    const users = (await idp.get(`/Users?filter=${encodeURIComponent('userName sw "user001"')}&count=40&attributes=id`).expect(200)).body.Resources.map(
      (user: { id: string }) => user.id,
    );
    expect(users.length).toBe(40);
    const forms = [
      (id: string) => patchOf({ op: 'add', path: 'members', value: [{ value: id }] }),
      (id: string) => patchOf({ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }),
      (id: string) => ({ Operations: [{ op: 'add', value: { members: [{ value: id }] } }] }),
    ];
    const answers = await Promise.all(
      users.map((id: string, n: number) => idp.patch(`/Groups/${group.id}?excludedAttributes=members`, forms[n % forms.length](id))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(users.map(() => 200));
    // Each answer shows the version its own change took: every version from 2 on, once.
    const versionsOf = (all: readonly { headers: Record<string, string> }[]) =>
      all.map((answer) => Number(/"(\d+)"/.exec(answer.headers.etag)![1])).sort((a, b) => a - b);
    expect(versionsOf(answers)).toEqual(users.map((_: string, n: number) => 2 + n));
    const after = (await idp.get(`/Groups/${group.id}`).expect(200)).body;
    expect(after.members.map((member: { value: string }) => member.value).sort()).toEqual([...users].sort());
    expect(after.meta.version).toBe(`W/"${1 + users.length}"`);

    // Half removed in Entra's legacy form, half by filter, while the same member is added again and again.
    const removals = users
      .slice(0, 20)
      .map((id: string, n: number) =>
        idp.patch(
          `/Groups/${group.id}`,
          n % 2 ? patchOf({ op: 'Remove', path: 'members', value: [{ value: id }] }) : patchOf({ op: 'remove', path: `members[value eq "${id}"]` }),
        ),
      );
    const repeats = Array.from({ length: 10 }, () => idp.patch(`/Groups/${group.id}`, patchOf({ op: 'add', path: 'members', value: [{ value: users[39] }] })));
    const [removed, repeated] = await Promise.all([Promise.all(removals), Promise.all(repeats)]);
    expect([...removed, ...repeated].every((answer) => answer.status === 200)).toBe(true);
    expect(versionsOf(removed)).toEqual(removed.map((_, n) => 2 + users.length + n));
    const final = (await idp.get(`/Groups/${group.id}`).expect(200)).body;
    expect(final.members.map((member: { value: string }) => member.value).sort()).toEqual(users.slice(20).sort());
    expect(final.meta.version).toBe(`W/"${1 + users.length + 20}"`);
    const entries = await t.database.query<{ event_type: string; metadata: string | { userId: string } }>(
      `SELECT event_type, metadata FROM audit_logs WHERE event_type IN ('scim-add-user-to-group', 'scim-remove-user-from-group') AND CAST(metadata AS text) LIKE $1`,
      [`%${group.id}%`],
    );
    // One entry per change: an addition of each user, a removal of each of the first twenty.
    const changes = entries
      .map(({ event_type, metadata }) => `${event_type} ${(typeof metadata === 'string' ? JSON.parse(metadata) : metadata).userId}`)
      .sort();
    expect(changes).toEqual(
      [...users.map((id: string) => `scim-add-user-to-group ${id}`), ...users.slice(0, 20).map((id: string) => `scim-remove-user-from-group ${id}`)].sort(),
    );
  }, 120_000);

  it('changes one member of a large group without reading its member list, and answers a name lookup without it', async () => {
    const outsider = (await idp.post('/Users', { userName: 'outsider@scale.test' }).expect(201)).body.id;
    const rowsRead: number[] = [];
    const query = t.database.query.bind(t.database);
    t.database.query = (async (sql: string, params?: readonly unknown[]) => {
      const rows = await query(sql, params);
      rowsRead.push(rows.length);
      return rows;
    }) as typeof t.database.query;
    try {
      const found = await idp.get(`/Groups?filter=${encodeURIComponent('displayName eq "everyone"')}&excludedAttributes=members`).expect(200);
      expect(found.body.Resources.map((group: { id: string }) => group.id)).toEqual([BIG_GROUP]);
      await idp.patch(`/Groups/${BIG_GROUP}?excludedAttributes=members`, patchOf({ op: 'add', path: 'members', value: [{ value: outsider }] })).expect(200);
      await idp.patch(`/Groups/${BIG_GROUP}?excludedAttributes=members`, patchOf({ op: 'remove', path: `members[value eq "${outsider}"]` })).expect(200);
      await idp.patch(`/Groups/${BIG_GROUP}?excludedAttributes=members`, patchOf({ op: 'Remove', path: 'members', value: [{ value: outsider }] })).expect(200);
    } finally {
      t.database.query = query;
    }
    expect(Math.max(...rowsRead)).toBeLessThanOrEqual(2);
    const [{ total }] = await t.database.query<{ total: number | string }>('SELECT count(*) AS total FROM group_memberships WHERE group_id = $1', [BIG_GROUP]);
    expect(Number(total)).toBe(USERS);
  });
});
