import request from 'supertest';
import { FixtureError, loadFixture } from '../src/cli/fixture-loader';
import type { Database, SqlExecutor } from '../src/database/database';
import { hashToken } from '../src/modules/identity/token-hash';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const ALICE_TOKEN = 'plain-text-token-value';
const REVOKED_TOKEN = 'revoked-token-value-0123456789';
const TABLES = [
  'organizations',
  'roles',
  'users',
  'org_memberships',
  'groups',
  'group_memberships',
  'access_tokens',
  'identities',
  'identity_universal_auths',
  'identity_client_secrets',
  'identity_group_memberships',
];

/** The fixture of the README (Fixtures), with a second token that is revoked. */
function acmeFixture() {
  return {
    organizations: [{ slug: 'acme', name: 'Acme Inc' }],
    roles: [
      {
        organization: 'acme',
        slug: 'group-editor',
        name: 'Group editor',
        permissions: [
          { subject: 'groups', action: 'read' },
          { subject: 'groups', action: 'edit' },
        ],
      },
    ],
    users: [{ username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' }],
    memberships: [{ organization: 'acme', username: 'alice@acme.test', role: 'admin' }],
    groups: [
      {
        organization: 'acme',
        id: ENGINEERING,
        name: 'Engineering',
        slug: 'engineering',
        role: 'member',
        managedExternally: false,
        members: ['alice@acme.test'],
        identities: ['ci-deployer'],
      },
    ],
    identities: [
      {
        organization: 'acme',
        name: 'ci-deployer',
        role: 'member',
        universalAuth: { clientId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', clientSecret: 'plain-text-client-secret-value' },
      },
    ],
    tokens: [
      { organization: 'acme', username: 'alice@acme.test', name: 'ci', token: ALICE_TOKEN },
      { organization: 'acme', username: 'alice@acme.test', name: 'old', token: REVOKED_TOKEN, revokedAt: '2024-01-01T00:00:00Z' },
    ],
  };
}

/** Every row of every table the loader writes. */
async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(TABLES.map(async (table) => [table, await database.query(`SELECT * FROM ${table} ORDER BY id`)] as const));
  return Object.fromEntries(entries);
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await snapshot(database)).map(([table, rows]) => [table, rows.length]));
}

/** Every table, constraint, index and trigger as the database describes it, PostgreSQL's constraints with whether they were validated. */
async function schemaOf(database: Database): Promise<string[]> {
  const sql =
    database.dialect === 'postgres'
      ? `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated ' || convalidated AS item
           FROM pg_constraint WHERE connamespace = 'public'::regnamespace
         UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`
      : `SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS item FROM sqlite_master ORDER BY 1`;
  return (await database.query<{ item: string }>(sql)).map(({ item }) => item);
}

/** PostgreSQL: the object ids of a table's indexes, which a rebuild changes. */
async function indexIds(database: Database, table: string): Promise<string[]> {
  const rows = await database.query<{ id: string }>('SELECT indexrelid::text AS id FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1', [table]);
  return rows.map(({ id }) => id);
}

/**
 * The usernames, sorted, that the users' search index finds for `term` (3+ characters), read through the index:
 * an FTS5 MATCH on SQLite; on PostgreSQL the trigram index of lower(username), the only plan left.
 */
async function searchIndexFinds(database: Database, term: string): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const rows = await database.query<{ username: string }>(
      'SELECT u.username FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid WHERE users_search MATCH $1',
      [`"${term}"`],
    );
    return rows.map(({ username }) => username).sort();
  }
  return database.transaction(async (tx) => {
    await tx.execute('SET LOCAL enable_seqscan = off');
    const sql = 'SELECT username FROM users WHERE lower(username) LIKE $1';
    const plan = (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [`%${term}%`])).map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('users_username_trgm_idx');
    return (await tx.query<{ username: string }>(sql, [`%${term}%`])).map(({ username }) => username).sort();
  });
}

/** SQLite: FTS5 compares its index with the users table, row by row, and fails on any difference. */
async function expectSearchIndexInStep(database: Database): Promise<void> {
  if (database.dialect === 'sqlite') await database.execute("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)");
}

/** `database`, whose transactions' writes fail for the statements that `fails` picks, as a full disk would make them. */
function failingAt(database: Database, fails: (sql: string) => boolean): Database {
  return {
    dialect: database.dialect,
    listsTable: database.listsTable.bind(database),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      database.transaction((tx) =>
        work({
          query: (sql, params) => tx.query(sql, params),
          execute: (sql, params) => (fails(sql) ? Promise.reject(new Error('disk is full')) : tx.execute(sql, params)),
        } as SqlExecutor),
      ),
  } as Database;
}

/**
 * `database`, whose transactions hold the planner's lookup of groups until the first insert of users has
 * settled, so that the users are being written while the planner goes on; `usersFail` makes that insert fail.
 */
function writingUsersWhilePlanning(database: Database, usersFail: boolean): { database: Database; userInserts: () => number } {
  let userInserts = 0;
  let usersWritten: () => void = () => undefined;
  const usersStarted = new Promise<void>((resolve) => (usersWritten = resolve));
  const wrapped = {
    dialect: database.dialect,
    listsTable: database.listsTable.bind(database),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      database.transaction((tx) =>
        work({
          query: async (sql, params) => {
            if (sql.includes('CROSS JOIN groups')) await usersStarted;
            return tx.query(sql, params);
          },
          execute: (sql, params) => {
            if (!sql.startsWith('INSERT INTO users ')) return tx.execute(sql, params);
            const insert = ++userInserts === 1 && usersFail ? Promise.reject(new Error('disk is full')) : tx.execute(sql, params);
            if (userInserts === 1) void insert.then(usersWritten, usersWritten);
            return insert;
          },
        } as SqlExecutor),
      ),
  } as Database;
  return { database: wrapped, userInserts: () => userInserts };
}

/** 10 000 users, each a member of the organization, and one group of them all: enough for both databases to rebuild indexes. */
function largeFixture() {
  const users = Array.from({ length: 10_000 }, (_, index) => ({ username: `user${index}@bulk.test`, email: `user${index}@bulk.test` }));
  const usernames = users.map(({ username }) => username);
  return {
    organizations: [{ slug: 'bulk', name: 'Bulk' }],
    users,
    memberships: usernames.map((username) => ({ organization: 'bulk', username })),
    groups: [{ organization: 'bulk', name: 'Everyone', members: usernames }],
  };
}

describe.each(DATABASE_KINDS)('fixture loader on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(() => t.close());

  it('loads every kind of entry, storing tokens only as their hashes', async () => {
    const summary = await seed(t, acmeFixture());
    const one = { inserted: 1, existing: 0 };
    expect(summary).toEqual({
      organizations: one,
      roles: one,
      users: one,
      memberships: one,
      groups: one,
      groupMembers: one,
      tokens: { inserted: 2, existing: 0 },
      identities: one,
      universalAuths: one,
      clientSecrets: one,
      groupIdentities: one,
    });

    const tokens = await t.database.query<{ name: string; token_hash: string; revoked_at: unknown }>(
      'SELECT name, token_hash, revoked_at FROM access_tokens ORDER BY name',
    );
    expect(tokens.map((row) => [row.name, row.token_hash])).toEqual([
      ['ci', hashToken(ALICE_TOKEN)],
      ['old', hashToken(REVOKED_TOKEN)],
    ]);
    expect(JSON.stringify(await snapshot(t.database))).not.toContain(ALICE_TOKEN);
    const [role] = await t.database.query<{ permissions: unknown }>('SELECT permissions FROM roles');
    expect(typeof role.permissions === 'string' ? JSON.parse(role.permissions) : role.permissions).toEqual(acmeFixture().roles[0].permissions);
    const [group] = await t.database.query<{ slug: string; role: string; managed_externally: unknown }>('SELECT slug, role, managed_externally FROM groups');
    expect({ ...group, managed_externally: Boolean(group.managed_externally) }).toEqual({ slug: 'engineering', role: 'member', managed_externally: false });

    // The loaded token is alice's: as an admin of acme, she removes herself from the group.
    const removed = await request(t.server)
      .delete(`/api/v1/groups/${ENGINEERING}/users/alice@acme.test`)
      .set('Authorization', `Bearer ${ALICE_TOKEN}`)
      .expect(200);
    expect(removed.body).toEqual({ id: expect.any(String), username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' });
    const revoked = await request(t.server)
      .delete(`/api/v1/groups/${ENGINEERING}/users/alice@acme.test`)
      .set('Authorization', `Bearer ${REVOKED_TOKEN}`)
      .expect(401);
    expect(revoked.body.message).toBe('Token has been revoked');
  });

  it('changes nothing when the same file is loaded twice', async () => {
    await seed(t, acmeFixture());
    const before = await snapshot(t.database);
    const summary = await seed(t, acmeFixture());
    expect(Object.values(summary).every((count) => count.inserted === 0 && count.existing > 0)).toBe(true);
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('inserts only what is missing and leaves existing rows as they are', async () => {
    await seed(t, acmeFixture());
    const next = acmeFixture();
    // Usernames match whatever their case; a changed name does not overwrite the stored one.
    next.users = [
      { username: 'ALICE@acme.test', email: 'alice@acme.test', firstName: 'Alicia', lastName: 'Liddell' },
      { username: 'bob@acme.test', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Builder' },
    ];
    next.memberships.push({ organization: 'acme', username: 'bob@acme.test', role: 'group-editor' });
    // Without an id, a group is matched by its slug.
    next.groups = [{ organization: 'acme', name: 'Engineering', members: ['alice@acme.test', 'bob@acme.test'] } as (typeof next.groups)[0]];
    const summary = await seed(t, next);
    expect(summary.users).toEqual({ inserted: 1, existing: 1 });
    expect(summary.memberships).toEqual({ inserted: 1, existing: 1 });
    expect(summary.groups).toEqual({ inserted: 0, existing: 1 });
    expect(summary.groupMembers).toEqual({ inserted: 1, existing: 1 });
    const users = await t.database.query<{ username: string; first_name: string }>('SELECT username, first_name FROM users ORDER BY username');
    expect(users).toEqual([
      { username: 'alice@acme.test', first_name: 'Alice' },
      { username: 'bob@acme.test', first_name: 'Bob' },
    ]);
    const members = await t.database.query<{ username: string }>(
      'SELECT u.username FROM group_memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY u.username',
      [ENGINEERING],
    );
    expect(members.map((row) => row.username)).toEqual(['alice@acme.test', 'bob@acme.test']);
  });

  it('refuses a bad file and writes nothing of it', async () => {
    await seed(t, acmeFixture());
    const before = await snapshot(t.database);
    const bad = acmeFixture();
    bad.organizations.push({ slug: 'globex', name: 'Globex' });
    bad.users.push({ username: 'bob@globex.test', email: 'bob@globex.test', firstName: 'Bob', lastName: 'Builder' });
    // The very last reference is the bad one: everything before it would have been written.
    bad.tokens.push({ organization: 'globex', username: 'bob@globex.test', name: 'ci', token: 'globex-token-0123456789' } as (typeof bad.tokens)[0]);
    await expect(seed(t, bad)).rejects.toThrow(new FixtureError('tokens[2].username', 'user "bob@globex.test" is not a member of organization "globex"'));
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('refuses usernames that differ only in case', async () => {
    const fixture = acmeFixture();
    fixture.users.push({ username: 'Alice@Acme.Test', email: 'alice2@acme.test', firstName: 'Alice', lastName: 'Again' });
    await expect(seed(t, fixture)).rejects.toThrow(
      'users[1].username: "Alice@Acme.Test" is already given at users[0] (usernames are unique whatever their case)',
    );
    expect(Object.values(await rowCounts(t.database))).toEqual(TABLES.map(() => 0));
  });

  it('refuses a group id of another organization, and a slug taken by another group', async () => {
    await seed(t, acmeFixture());
    const otherOrg = { organizations: [{ slug: 'globex', name: 'Globex' }], groups: [{ organization: 'globex', id: ENGINEERING, name: 'Engineering' }] };
    await expect(seed(t, otherOrg)).rejects.toThrow('groups[0].id: a group with this id belongs to another organization');
    const otherId = { groups: [{ organization: 'acme', id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', name: 'Engineering' }] };
    await expect(seed(t, otherId)).rejects.toThrow('groups[0].slug: organization "acme" already has a group "engineering" with another id');
    expect((await rowCounts(t.database)).organizations).toBe(1);
  });

  it('stores names with quotes, backslashes, tabs, newlines and any Unicode exactly as given', async () => {
    const users = [
      { username: `o'brien "the \\ one"`, email: `o'brien\\"x"@acme.test`, firstName: 'tab\there', lastName: 'new\nline\r\n' },
      { username: 'Zoë Ångström 名前 🦄', email: 'zoë@exämple.test', firstName: '\u2028line\u2029para', lastName: '{"json": [1, "\\u0041"]}' },
      { username: 'NULL', email: null, firstName: '\\N', lastName: "'; DROP TABLE users; --" },
    ];
    await seed(t, { organizations: [{ slug: 'acme', name: 'Acme \t "Inc" \\ ☃' }], users });
    const stored = await t.database.query<{ username: string; email: string | null; first_name: string; last_name: string }>(
      'SELECT username, email, first_name, last_name FROM users',
    );
    const byName = new Map(stored.map((row) => [row.username, row]));
    expect(users.map((user) => byName.get(user.username))).toEqual(
      users.map((user) => ({ username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName })),
    );
    expect(await t.database.query('SELECT name FROM organizations')).toEqual([{ name: 'Acme \t "Inc" \\ ☃' }]);
  });

  it('writes nothing when the database fails in the middle of a load, with statements still under way', async () => {
    const users = Array.from({ length: 25_000 }, (_, index) => ({ username: `user${index}@bulk.test` }));
    const fixture = { organizations: [{ slug: 'bulk', name: 'Bulk' }], users, memberships: users.map(({ username }) => ({ organization: 'bulk', username })) };
    let userInserts = 0;
    // The second statement of users' rows fails: the first is written, the third encoded.
    const failing = failingAt(t.database, (sql) => sql.startsWith('INSERT INTO users') && ++userInserts === 2);
    await expect(loadFixture(failing, fixture)).rejects.toThrow('disk is full');
    expect(userInserts).toBe(2);
    expect(Object.values(await rowCounts(t.database))).toEqual(TABLES.map(() => 0));
    // The same file then loads whole.
    expect((await loadFixture(t.database, fixture)).memberships).toEqual({ inserted: 25_000, existing: 0 });
  }, 60_000);

  it('leaves the users search index in step with the users after a large load, which builds it in one pass, and after a small one', async () => {
    await loadFixture(t.database, largeFixture());
    expect(await searchIndexFinds(t.database, 'user9876@')).toEqual(['user9876@bulk.test']);
    expect(await searchIndexFinds(t.database, 'er999')).toEqual(
      ['user999@bulk.test', ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `user999${i}@bulk.test`)].sort(),
    );
    await expectSearchIndexInStep(t.database);
    // Fewer rows than the table holds: added to the index one by one.
    const few = { users: [{ username: 'late.comer@bulk.test', firstName: 'Zebulon' }] };
    await loadFixture(t.database, few);
    expect(await searchIndexFinds(t.database, 'late.com')).toEqual(['late.comer@bulk.test']);
    await expectSearchIndexInStep(t.database);
  }, 60_000);

  it('leaves the schema as the migrations made it after a large load, which PostgreSQL loads without its foreign keys and secondary indexes', async () => {
    const schema = await schemaOf(t.database);
    const usersIndexes = kind === 'postgres' ? await indexIds(t.database, 'users') : [];
    expect((await loadFixture(t.database, largeFixture())).groupMembers).toEqual({ inserted: 10_000, existing: 0 });
    expect(await schemaOf(t.database)).toEqual(schema);
    if (kind === 'postgres') {
      // Rebuilt: the trigram indexes and the listing order index have new ids; the unique ones kept theirs.
      const rebuilt = await indexIds(t.database, 'users');
      expect(rebuilt.filter((id) => usersIndexes.includes(id))).toHaveLength(2);
      expect(rebuilt).toHaveLength(usersIndexes.length);
    }
    // The foreign keys hold: a membership of a user that is not there is refused.
    await expect(
      t.database.execute('INSERT INTO group_memberships (id, group_id, user_id, created_at) SELECT $1, id, $2, created_at FROM groups', [
        '00000000-0000-4000-8000-00000000000a',
        '00000000-0000-4000-8000-00000000000b',
      ]),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  }, 60_000);

  // PostgreSQL fails as it adds back the last table's foreign keys, its rows and the users' indexes written; SQLite as it
  // builds the users' search index, their search trigger dropped, or at its last insert, the trigger back.
  const failurePoints = kind === 'postgres' ? ['ALTER TABLE group_memberships ADD'] : ['INSERT INTO users_search', 'INSERT INTO group_memberships'];
  it.each(failurePoints)(
    'leaves the schema and no row behind when a large load fails at %s, after indexes or triggers were dropped',
    async (failsAt) => {
      const schema = await schemaOf(t.database);
      const fixture = largeFixture();
      let failed = false;
      const failing = failingAt(t.database, (sql) => {
        if (!sql.startsWith(failsAt)) return false;
        failed = true;
        return true;
      });
      await expect(loadFixture(failing, fixture)).rejects.toThrow('disk is full');
      expect(failed).toBe(true);
      expect(Object.values(await rowCounts(t.database))).toEqual(TABLES.map(() => 0));
      expect(await schemaOf(t.database)).toEqual(schema);
      expect((await loadFixture(t.database, fixture)).groupMembers).toEqual({ inserted: 10_000, existing: 0 });
      expect(await searchIndexFinds(t.database, 'user9876@')).toEqual(['user9876@bulk.test']);
      await expectSearchIndexInStep(t.database);
    },
    60_000,
  );

  it.each([false, true])(
    'tells the refusal of a group, not a failed write, when it comes while the users are written (a write failing: %s)',
    async (usersFail) => {
      await loadFixture(t.database, { organizations: [{ slug: 'bulk', name: 'Bulk' }] });
      const before = await rowCounts(t.database);
      const fixture = largeFixture();
      fixture.groups[0].members.push('nobody@bulk.test');
      const writing = writingUsersWhilePlanning(t.database, usersFail);
      await expect(loadFixture(writing.database, fixture)).rejects.toThrow(new FixtureError('groups[0].members[10000]', 'unknown user "nobody@bulk.test"'));
      expect(writing.userInserts()).toBeGreaterThan(0);
      expect(await rowCounts(t.database)).toEqual(before);
    },
    60_000,
  );

  it('loads thousands of rows in chunks, reporting progress, and matches them all on a second load', async () => {
    const users = Array.from({ length: 20_500 }, (_, index) => ({ username: `user${index}@bulk.test` }));
    const fixture = {
      organizations: [{ slug: 'bulk', name: 'Bulk' }],
      users,
      memberships: users.map(({ username }) => ({ organization: 'bulk', username })),
    };
    const progress: string[] = [];
    const first = await loadFixture(t.database, fixture, { onProgress: (line) => progress.push(line) });
    expect(first.memberships).toEqual({ inserted: 20_500, existing: 0 });
    expect(progress).toEqual([
      'users: 20000 of 20500 inserted',
      'users: 20500 of 20500 inserted',
      'memberships: 20000 of 20500 inserted',
      'memberships: 20500 of 20500 inserted',
    ]);
    const second = await loadFixture(t.database, fixture);
    expect(second.users).toEqual({ inserted: 0, existing: 20_500 });
    expect(second.memberships).toEqual({ inserted: 0, existing: 20_500 });
    expect((await rowCounts(t.database)).users).toBe(20_500);
  }, 60_000);
});
