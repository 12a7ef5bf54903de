import request from 'supertest';
import type { Database } from '../src/database/database';
import { Group } from '../src/modules/groups/domain/group';
import type { GroupUsersCriteria } from '../src/modules/groups/application/group-users.query';
import { SqlGroupUsersQuery } from '../src/modules/groups/infrastructure/sql-group-users.query';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const GROUP = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const TOKEN = 'token-search-admin-0123456789abcdef';

interface FixtureUser {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

/**
 * Users whose columns hold what a LIKE pattern or an FTS5 query would read as syntax (`%`, `_`, `\`,
 * quotes, `*`, `-`, the words AND, OR and NEAR), and letters beyond ASCII, stored in lower case where
 * a search could meet them in another case, so that both databases' lower() agree on them.
 */
const USERS: FixtureUser[] = [
  { username: 'admin@search.test', firstName: 'Ada', lastName: 'Admin' },
  { username: 'per%cent@search.test', email: 'percent@search.test', firstName: 'Percy' },
  { username: 'under_score@search.test', firstName: 'Uma', lastName: 'Under_Score' },
  { username: 'back\\slash@search.test', email: 'back\\slash@mail.test', firstName: 'Bea' },
  { username: "o'neil@search.test", firstName: 'Owen', lastName: "O'Neil" },
  { username: 'quote"d@search.test', firstName: 'Quinn', lastName: 'Say "hi"' },
  { username: 'star*@search.test', firstName: 'Stella' },
  { username: 'alexander@search.test', firstName: 'Alexander', lastName: 'Near-Or' },
  { username: 'zoe@search.test', firstName: 'Zoë', lastName: 'ångström' },
  { username: 'yamada@search.test', firstName: 'Yamada', lastName: '山田太郎' },
  { username: 'strasse@search.test', firstName: 'Sven', lastName: 'straße' },
  { username: 'emile@search.test', email: 'émile@mail.test' },
  { username: 'ab@search.test', firstName: 'Ab' },
  { username: 'x.y-z@search.test', email: 'x@y.test', firstName: 'Xavier' },
];
const MEMBERS = USERS.filter((_, i) => i % 2 === 1).map((u) => u.username);

const fixture = {
  organizations: [
    { slug: 'search', name: 'Search' },
    { slug: 'other', name: 'Other' },
  ],
  users: [...USERS, { username: 'alexandra@other.test', firstName: 'Alexandra' }],
  memberships: [
    ...USERS.map(({ username }) => ({ organization: 'search', username, role: 'admin' })),
    { organization: 'other', username: 'alexandra@other.test' },
  ],
  groups: [{ organization: 'search', id: GROUP, name: 'Searched', slug: 'searched', role: 'member', members: MEMBERS }],
  tokens: [{ organization: 'search', username: 'admin@search.test', name: 'e2e', token: TOKEN }],
};

/** Whether today's condition, `lower(column) LIKE '%term%'`, holds for the user: the data above keeps both databases' lower() equal to JavaScript's. */
function matches(user: FixtureUser, term: string): boolean {
  return [user.username, user.email, user.firstName, user.lastName].some((value) => value?.toLowerCase().includes(term.toLowerCase()));
}

const FILTERS = [undefined, 'existingMembers', 'nonMembers'] as const;

describe.each(DATABASE_KINDS)('searching group users on %s', (kind) => {
  let t: TestApp;
  /** Every user of the organization in the listing's order, as the database sorts it. */
  let listingOrder: string[];
  const list = (query: Record<string, string | number>) =>
    request(t.server)
      .get(`/api/v1/groups/${GROUP}/users`)
      .query(query)
      .set({ Authorization: `Bearer ${TOKEN}` });
  const usernames = (body: { users: { username: string }[] }) => body.users.map((user) => user.username);

  let group: Group;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    listingOrder = usernames((await list({ limit: 100 }).expect(200)).body);
    const [{ org_id: orgId }] = await t.database.query<{ org_id: string }>('SELECT org_id FROM groups WHERE id = $1', [GROUP]);
    group = new Group({ id: GROUP, orgId, name: 'Searched', slug: 'searched', role: 'member', managedExternally: false, createdAt: '', updatedAt: '' });
  }, 60_000);
  afterAll(() => t.close());

  function expected(term: string, filter: (typeof FILTERS)[number]): string[] {
    const inFilter = (username: string) => (filter === undefined ? true : MEMBERS.includes(username) === (filter === 'existingMembers'));
    return listingOrder.filter((username) => inFilter(username) && matches(USERS.find((u) => u.username === username) as FixtureUser, term));
  }

  it.each([
    ['a term found among characters LIKE would read as wildcards', 'cent'],
    ['a term around an underscore', 'score'],
    ['a term beside a backslash', 'slash@'],
    ['a term beside quotes', 'neil'],
    ['a term beside a star', 'star'],
    ['an FTS5 keyword', 'NEAR'],
    ['a word FTS5 reads as an operator, inside a name', 'and'],
    ['a term starting with a dash', '-or'],
    ['a term of punctuation only', '.-z'],
    ['letters beyond ASCII, in another case', 'ZOË'],
    ['letters beyond ASCII', 'ångs'],
    ['a term in CJK', '山田太'],
    ['a sharp s', 'aße'],
    ['an email beyond ASCII', 'émile@'],
    ['a term matching every user', 'search.test'],
    ['a term matching nobody', 'nobody-here'],
    ['a term of one letter', 'a'],
    ['a term of one letter beyond ASCII', 'ë'],
    ['a term of two letters', 'ab'],
    ['a term of two CJK letters', '山田'],
    ['a term of one punctuation character', '-'],
  ])("finds exactly the users of today's condition, in listing order, with their count: %s", async (_case, term) => {
    for (const filter of FILTERS) {
      const want = expected(term, filter);
      const response = await list({ search: term, limit: 100, ...(filter ? { filter } : {}) }).expect(200);
      expect({ filter, users: usernames(response.body), totalCount: response.body.totalCount }).toEqual({ filter, users: want, totalCount: want.length });
      // A page past the first keeps the count and the order.
      const second = await list({ search: term, offset: 1, limit: 2, ...(filter ? { filter } : {}) }).expect(200);
      expect({ users: usernames(second.body), totalCount: second.body.totalCount }).toEqual({ users: want.slice(1, 3), totalCount: want.length });
      // The same through the trigram index, which serves larger groups and organizations than this one.
      const fromIndex = await searchingIndexAbove(t.database, 0).page(group, { search: term, offset: 0, limit: 100, filter });
      expect({ filter, users: fromIndex.users.map((user) => user.username), totalCount: fromIndex.totalCount }).toEqual({
        filter,
        users: want,
        totalCount: want.length,
      });
    }
  });

  it('never finds users of another organization', async () => {
    expect((await list({ search: 'alexand', limit: 100 }).expect(200)).body.users.map((u: { username: string }) => u.username)).toEqual([
      'alexander@search.test',
    ]);
  });

  it.each([['%'], ['_'], ['\\'], ["'"], ['"'], ['*'], ['a b'], ['(a)'], ['a:b']])('answers 422 to the search %j', async (term) => {
    const response = await list({ search: term });
    expectEnvelope(response, 422, 'ValidationFailure');
    expect(response.body.message).toEqual([expect.objectContaining({ path: ['search'] })]);
  });

  describe('the plan of a search', () => {
    /**
     * The plan of the statement that finds, counts and pages the users (the others count the search
     * space and sample the users' trigrams); the trigram index serves search spaces of more than
     * `indexAbove` members.
     */
    async function plans(criteria: Partial<GroupUsersCriteria>, indexAbove: number): Promise<string[]> {
      const statements: { sql: string; params: readonly unknown[] }[] = [];
      const logged = Object.create(t.database) as Database;
      logged.query = <T>(sql: string, params: readonly unknown[] = []) => {
        statements.push({ sql, params });
        return t.database.query<T>(sql, params);
      };
      await searchingIndexAbove(logged, indexAbove).page(group, { offset: 0, limit: 10, ...criteria });
      const searches = statements.filter(({ sql }) => sql.startsWith('WITH'));
      expect(searches).toHaveLength(1);
      const { sql, params } = searches[0];
      return kind === 'sqlite' ? sqlitePlan(t.database, sql, params) : genericPostgresPlan(t.database, sql, params);
    }

    it.each(FILTERS)('checks each member of a small search space, reading no user through the index (filter %s)', async (filter) => {
      const plan = await plans({ search: 'alex', ...(filter ? { filter } : {}) }, USERS.length);
      if (kind === 'sqlite') {
        const firstRead = filter === 'existingMembers' ? /^SEARCH gm .*\(group_id=\?\)$/ : /^SEARCH om .*\(org_id=\?\)$/;
        expect(plan.filter((detail) => /^(SCAN|SEARCH) (u|om|gm|s)\b/.test(detail))[0]).toMatch(firstRead);
        expect(plan).toContainEqual(expect.stringMatching(/^SEARCH u USING INDEX sqlite_autoindex_users_1 \(id=\?\)$/));
        expect(plan.filter((detail) => /^SCAN (u|om|gm|s)\b/.test(detail))).toEqual([]);
      } else {
        expect(plan).not.toContainEqual(expect.stringMatching(/trgm_idx/));
        expect(plan).not.toContainEqual(expect.stringMatching(/Seq Scan on users/));
        expect(plan).toContainEqual(expect.stringMatching(/Index Scan using users_pkey on users/));
        expect(plan).toContainEqual(
          expect.stringMatching(new RegExp(`(Index|Recheck) Cond: \\(${filter === 'existingMembers' ? 'group_id' : 'org_id'} = \\$\\d+\\)`)),
        );
      }
    });

    it.each(FILTERS)('finds the users of a large search space through the search index (filter %s)', async (filter) => {
      const plan = await plans({ search: 'alex', ...(filter ? { filter } : {}) }, 0);
      if (kind === 'sqlite') {
        expect(plan).toContainEqual(expect.stringMatching(/^SCAN s VIRTUAL TABLE INDEX \d+:M/));
        expect(plan).toContainEqual(expect.stringMatching(/^SEARCH u USING INTEGER PRIMARY KEY \(rowid=\?\)$/));
        expect(plan.filter((detail) => /^SCAN (u|om|gm)\b/.test(detail))).toEqual([]);
        // Memberships are looked up by user, never read for the whole group or organization.
        expect(plan.filter((detail) => /^SEARCH (om|gm)\b/.test(detail))).toEqual(
          plan.filter((detail) => /^SEARCH (om|gm) .*\((org_id|group_id)=\? AND user_id=\?\)( LEFT-JOIN)?$/.test(detail)),
        );
      } else {
        for (const column of ['username', 'email', 'first_name', 'last_name']) {
          expect(plan).toContainEqual(expect.stringMatching(new RegExp(`Bitmap Index Scan on users_${column}_trgm_idx`)));
        }
        expect(plan).not.toContainEqual(expect.stringMatching(/Seq Scan on users/));
        // Memberships are looked up by user, never read for the whole group or organization.
        expect(plan).not.toContainEqual(expect.stringMatching(/^(Recheck|Index) Cond: \((org_id|group_id) = \$\d+\)$/));
        // The generic plan: the term is a parameter, not a constant the planner saw.
        expect(plan).toContainEqual(expect.stringMatching(/lower\(\(username\)::text\) ~~ \$\d+/));
        // The indexes look up one pattern, the rarest part of the term; the whole term's is checked on the rows found.
        const looked = plan.flatMap((detail) => [...detail.matchAll(/Index Cond: \(lower\(\(\w+\)::text\) ~~ (\$\d+)\)/g)].map((m) => m[1]));
        expect(looked).toHaveLength(4);
        expect(new Set(looked).size).toBe(1);
      }
    });
  });
});

/** The query with the trigram index for every search space of more than `limit` members. */
function searchingIndexAbove(database: Database, limit: number): SqlGroupUsersQuery {
  return new (class extends SqlGroupUsersQuery {
    protected override checkedMembers(): number {
      return limit;
    }
  })(database);
}

async function sqlitePlan(database: Database, sql: string, params: readonly unknown[]): Promise<string[]> {
  return (await database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail);
}

/**
 * The generic plan PostgreSQL caches for the prepared statement, with its parameters unknown. A table
 * of a few rows is cheaper to read whole, which is what the planner does with any index; without
 * sequential scans, the plan shows whether the statement is one the indexes can serve.
 */
async function genericPostgresPlan(database: Database, sql: string, params: readonly unknown[]): Promise<string[]> {
  const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`);
  return database.transaction(async (tx) => {
    await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.query(`PREPARE searched AS ${sql}`);
    try {
      const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE searched (${params.map(literal).join(', ')})`);
      return rows.map((row) => row['QUERY PLAN'].trim().replace(/^->\s+/, ''));
    } finally {
      await tx.query('DEALLOCATE searched');
    }
  });
}
