import { type InMemorySqlite, inMemorySqlite } from '../../../../test/helpers/in-memory-sqlite';
import { loadFixture } from '../../../cli/fixture-loader';
import type { Database } from '../../../database/database';
import type { SqliteDatabase } from '../../../database/sqlite/sqlite-database';
import { Group } from '../domain/group';
import type { GroupUsersCriteria } from '../application/group-users.query';
import { SqlGroupUsersQuery } from './sql-group-users.query';

const GROUP_ID = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const USERS = 1100;
const MEMBERS = 1050;

interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The database, noting every statement that is queried through it. */
function logging(database: Database, statements: Statement[]): Database {
  const logged = Object.create(database) as Database;
  logged.query = <T>(sql: string, params: readonly unknown[] = []) => {
    statements.push({ sql, params });
    return database.query<T>(sql, params);
  };
  return logged;
}

/** How SQLite reads the group's memberships, the organization's memberships, and a user by username. */
const BY_GROUP = /^SEARCH gm USING (COVERING )?INDEX group_memberships_group_user_key \(group_id=\?\)$/;
// Either index that starts with the organization: the membership's `active` flag is read from its row.
const BY_ORGANIZATION = /^SEARCH om USING (COVERING )?INDEX org_memberships_org_(user_key|created_idx) \(org_id=\?\)$/;
const BY_USERNAME = /^SEARCH u USING INDEX users_username_lower_key \(<expr>=\?\)$/;
/** How SQLite finds the users whose columns contain a search term: the trigram index, by MATCH. */
const BY_SEARCH_INDEX = /^SCAN s VIRTUAL TABLE INDEX \d+:M/;
/** A read of users, memberships or the search index, as opposed to one of a CTE or a constant row. */
const TABLE_READ = /^(SEARCH|SCAN) (u|om|gm|s)\b/;

/**
 * The statements of a listing must read the users a search finds through the trigram index first,
 * in one statement that also counts them; the memberships first for a term too short for that index,
 * so that its cost follows the group or the organization, never the users of every organization; and
 * a username's user first, by its index. SQLite keeps the written join order, so the plan shows what
 * was written.
 */
describe('SqlGroupUsersQuery on SQLite', () => {
  let sqlite: InMemorySqlite;
  let database: SqliteDatabase;
  let group: Group;

  beforeAll(async () => {
    sqlite = await inMemorySqlite();
    database = sqlite.database;
    const users = Array.from({ length: USERS }, (_, i) => ({ username: `user${String(i).padStart(4, '0')}@acme.test`, firstName: `First${i % 50}` }));
    const strangers = Array.from({ length: 100 }, (_, i) => ({ username: `user${String(i).padStart(4, '0')}@globex.test` }));
    await loadFixture(database, {
      organizations: [
        { slug: 'acme', name: 'Acme' },
        { slug: 'globex', name: 'Globex' },
      ],
      users: [...users, ...strangers],
      memberships: [
        ...users.map(({ username }) => ({ organization: 'acme', username })),
        ...strangers.map(({ username }) => ({ organization: 'globex', username })),
      ],
      groups: [{ organization: 'acme', id: GROUP_ID, name: 'Crowd', members: users.slice(0, MEMBERS).map((u) => u.username) }],
    });
    const [{ id: orgId }] = await database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
    group = new Group({ id: GROUP_ID, orgId, name: 'Crowd', slug: 'crowd', role: 'no-access', managedExternally: false, createdAt: '', updatedAt: '' });
  });
  afterAll(() => sqlite.close());

  async function plans(criteria: Partial<GroupUsersCriteria>): Promise<{ totalCount: number; plans: string[][] }> {
    const statements: Statement[] = [];
    const { totalCount } = await new SqlGroupUsersQuery(logging(database, statements)).page(group, { offset: 0, limit: 10, ...criteria });
    const plans = await Promise.all(
      statements.map(async ({ sql, params }) => (await database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail)),
    );
    return { totalCount, plans };
  }

  it.each([
    ['a search among the members', { search: 'user000', filter: 'existingMembers' }, BY_SEARCH_INDEX, 10, 1],
    ['a search matching more members than are gathered', { search: 'ACME', filter: 'existingMembers' }, BY_SEARCH_INDEX, MEMBERS, 1],
    ['a search among the organization', { search: 'user000' }, BY_SEARCH_INDEX, 10, 1],
    ['a search matching more of the organization than is gathered', { search: 'acme' }, BY_SEARCH_INDEX, USERS, 1],
    ['a search among the non-members', { search: 'user10', filter: 'nonMembers' }, BY_SEARCH_INDEX, 50, 1],
    ['a short search among the members', { search: 'er', filter: 'existingMembers' }, BY_GROUP, MEMBERS, 3],
    ['a short search among the organization', { search: 'ER' }, BY_ORGANIZATION, USERS, 3],
    ['a short search among the non-members', { search: 'r1', filter: 'nonMembers' }, BY_ORGANIZATION, 50, 1],
    ['a one-letter search among the members', { search: 'q', filter: 'existingMembers' }, BY_GROUP, 0, 1],
    ['a username among the members', { username: 'USER0001@acme.test', filter: 'existingMembers' }, BY_USERNAME, 1, 1],
    ['a username among the organization', { username: 'USER0001@acme.test' }, BY_USERNAME, 1, 1],
    ['a username among the non-members', { username: 'user1099@acme.test', filter: 'nonMembers' }, BY_USERNAME, 1, 1],
  ] as const)('reads %s from the right index first, and no table in full', async (_case, criteria, firstRead, totalCount, statements) => {
    const result = await plans(criteria);
    expect(result.totalCount).toBe(totalCount);
    expect(result.plans).toHaveLength(statements);
    for (const plan of result.plans) {
      const reads = plan.filter((detail) => TABLE_READ.test(detail));
      expect(reads[0]).toMatch(firstRead);
      expect(reads.filter((detail) => detail.startsWith('SCAN') && !BY_SEARCH_INDEX.test(detail))).toEqual([]);
    }
  });

  it('finds users as they are after a rename or a removal: triggers keep the search index in step with users', async () => {
    const query = new SqlGroupUsersQuery(database);
    const search = async (term: string) =>
      (await query.page(group, { offset: 0, limit: 10, search: term, filter: 'existingMembers' })).users.map((u) => u.username);
    await database.execute("UPDATE users SET username = 'renamed.one@acme.test', first_name = 'Zebulon' WHERE username = 'user1000@acme.test'");
    await database.execute("DELETE FROM users WHERE username = 'user1001@acme.test'");
    expect(await search('renamed.one')).toEqual(['renamed.one@acme.test']);
    expect(await search('zebulon')).toEqual(['renamed.one@acme.test']);
    expect(await search('user1000')).toEqual([]);
    expect(await search('user1001')).toEqual([]);
    expect(await search('user1002')).toEqual(['user1002@acme.test']);
    // FTS5 compares its index with the users table, row by row, and fails on any difference.
    await expect(database.execute("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)")).resolves.toBeDefined();
  });
});
