import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MigratedSqlite, migratedSqlite } from '../../../../test/helpers/migrated-sqlite';
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
  /** Read on the calling thread (`Database.queryAtOnce`), or sent to SQLite's worker. */
  readonly atOnce: boolean;
}

/** The database, noting every statement that is queried through it; with `atOnce` false, it reads nothing at once. */
function logging(database: Database, statements: Statement[], atOnce = true): Database {
  const logged = Object.create(database) as Database;
  logged.query = <T>(sql: string, params: readonly unknown[] = []) => {
    statements.push({ sql, params, atOnce: false });
    return database.query<T>(sql, params);
  };
  logged.queryAtOnce = <T>(sql: string, params: readonly unknown[] = []) => {
    const rows = atOnce ? database.queryAtOnce<T>(sql, params) : undefined;
    if (rows) statements.push({ sql, params, atOnce: true });
    return rows;
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
/** The statement that samples the users' trigrams, taken once by each query object before its first index search. */
const TRIGRAM_SAMPLE = /^SELECT \(SELECT max\(rowid\) FROM users\) AS population, u\.username, /;
/** A read of users, memberships or the search index, as opposed to one of a CTE or a constant row. */
const TABLE_READ = /^(SEARCH|SCAN) (u|om|gm|s)\b/;

/** The query with the trigram index for every search space of more than `limit` members. */
function searchingIndexAbove(database: Database, limit: number): SqlGroupUsersQuery {
  return new (class extends SqlGroupUsersQuery {
    protected override checkedMembers(): number {
      return limit;
    }
  })(database);
}

/**
 * The statements of a listing must read, after counting the search space on its index, the users a
 * search finds through the trigram index first when the space is large, or the space's memberships
 * when it is small, in one statement that also counts them; the memberships first for a term too
 * short for that index, so that its cost follows the group or the organization, never the users of
 * every organization; and a username's user first, by its index. SQLite keeps the written join
 * order, so the plan shows what was written.
 */
describe('SqlGroupUsersQuery on SQLite', () => {
  let directory: string;
  let sqlite: MigratedSqlite;
  let database: SqliteDatabase;
  let group: Group;

  beforeAll(async () => {
    // A file, which the calling thread reads too.
    directory = mkdtempSync(join(tmpdir(), 'groups-search-'));
    sqlite = await migratedSqlite(join(directory, 'groups.sqlite'));
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
  afterAll(async () => {
    await sqlite.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function plans(criteria: Partial<GroupUsersCriteria>, indexAbove: number): Promise<{ totalCount: number; plans: string[][] }> {
    const statements: Statement[] = [];
    const { totalCount } = await searchingIndexAbove(logging(database, statements), indexAbove).page(group, { offset: 0, limit: 10, ...criteria });
    const plans = await Promise.all(
      statements
        .filter(({ sql }) => !TRIGRAM_SAMPLE.test(sql))
        .map(async ({ sql, params }) => (await database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((row) => row.detail)),
    );
    return { totalCount, plans };
  }

  // The group has 1 050 members, the organization 1 100: a limit of 0 sends every search to the index
  // without counting the search space.
  const INDEX = 0;
  const CHECK = 2000;
  it.each([
    ['a search among the members', { search: 'user000', filter: 'existingMembers' }, INDEX, [BY_SEARCH_INDEX], 10],
    ['a search matching more members than are gathered', { search: 'ACME', filter: 'existingMembers' }, INDEX, [BY_SEARCH_INDEX], MEMBERS],
    ['a search among the organization', { search: 'user000' }, INDEX, [BY_SEARCH_INDEX], 10],
    ['a search matching more of the organization than is gathered', { search: 'acme' }, INDEX, [BY_SEARCH_INDEX], USERS],
    ['a search among the non-members', { search: 'user10', filter: 'nonMembers' }, INDEX, [BY_SEARCH_INDEX], 50],
    ['a search among few members', { search: 'user000', filter: 'existingMembers' }, CHECK, [BY_GROUP, BY_GROUP], 10],
    ['a search matching more of few members than are gathered', { search: 'ACME', filter: 'existingMembers' }, CHECK, [BY_GROUP, BY_GROUP], MEMBERS],
    ['a search among a small organization', { search: 'user000' }, CHECK, [BY_ORGANIZATION, BY_ORGANIZATION], 10],
    ['a search among the non-members of a small organization', { search: 'user10', filter: 'nonMembers' }, CHECK, [BY_ORGANIZATION, BY_ORGANIZATION], 50],
    ['a short search among the members', { search: 'er', filter: 'existingMembers' }, INDEX, [BY_GROUP, BY_GROUP, BY_GROUP], MEMBERS],
    ['a short search among the organization', { search: 'ER' }, INDEX, [BY_ORGANIZATION, BY_ORGANIZATION, BY_ORGANIZATION], USERS],
    ['a short search among the non-members', { search: 'r1', filter: 'nonMembers' }, INDEX, [BY_ORGANIZATION], 50],
    ['a one-letter search among the members', { search: 'q', filter: 'existingMembers' }, INDEX, [BY_GROUP], 0],
    ['a username among the members', { username: 'USER0001@acme.test', filter: 'existingMembers' }, INDEX, [BY_USERNAME], 1],
    ['a username among the organization', { username: 'USER0001@acme.test' }, INDEX, [BY_USERNAME], 1],
    ['a username among the non-members', { username: 'user1099@acme.test', filter: 'nonMembers' }, INDEX, [BY_USERNAME], 1],
  ] as const)('reads %s from the right index first, and no table in full', async (_case, criteria, indexAbove, firstReads, totalCount) => {
    const result = await plans(criteria, indexAbove);
    expect(result.totalCount).toBe(totalCount);
    const reads = result.plans.map((plan) => plan.filter((detail) => TABLE_READ.test(detail)));
    expect(reads.map((statement) => statement[0])).toEqual(firstReads.map((read) => expect.stringMatching(read)));
    for (const statement of reads) expect(statement.filter((detail) => detail.startsWith('SCAN') && !BY_SEARCH_INDEX.test(detail))).toEqual([]);
  });

  it('counts the search space only for a term whose lookup in the index costs more than checking a few members, and reads a cheap one at once', async () => {
    const searched = async (search: string) => {
      const statements: Statement[] = [];
      await new SqlGroupUsersQuery(logging(database, statements)).page(group, { offset: 0, limit: 10, search, filter: 'existingMembers' });
      return statements.filter(({ sql }) => !TRIGRAM_SAMPLE.test(sql)).map(({ sql, atOnce }) => [sql.slice(0, 20), atOnce]);
    };
    // Each user's trigrams of `acme.test` are everybody's: reading them costs more than checking 500 members.
    expect(await searched('user0001@acme')).toEqual([[expect.stringMatching(/^WITH found/), true]]);
    expect(await searched('acme.test')).toEqual([
      [expect.stringMatching(/^SELECT count/), false],
      [expect.stringMatching(/^WITH /), false],
    ]);
  });

  it('finds the same page and count at once as through the worker', async () => {
    const pagesOf = async (atOnce: boolean) => {
      const statements: Statement[] = [];
      const query = new SqlGroupUsersQuery(logging(database, statements, atOnce));
      const pages = [];
      for (const filter of [undefined, 'existingMembers', 'nonMembers'] as const) {
        for (const offset of [0, 45, 100]) pages.push(await query.page(group, { offset, limit: 10, search: 'user10', filter }));
      }
      return { pages, atOnce: statements.filter(({ sql }) => !TRIGRAM_SAMPLE.test(sql)).map((statement) => statement.atOnce) };
    };
    const atOnce = await pagesOf(true);
    expect(atOnce.atOnce).toEqual(Array(9).fill(true));
    expect(atOnce.pages.map((page) => [page.totalCount, page.users.length])).toEqual([
      [100, 10],
      [100, 10],
      [100, 0],
      [50, 10],
      [50, 5],
      [50, 0],
      [50, 10],
      [50, 5],
      [50, 0],
    ]);
    expect((await pagesOf(false)).pages).toEqual(atOnce.pages);
  });

  it('samples the users by primary key, reading no table in full', async () => {
    const statements: Statement[] = [];
    await searchingIndexAbove(logging(database, statements), INDEX).page(group, { offset: 0, limit: 10, search: 'user000' });
    const [sample] = statements.filter(({ sql }) => TRIGRAM_SAMPLE.test(sql));
    const plan = (await database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sample.sql}`, sample.params)).map((row) => row.detail);
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH u USING INDEX sqlite_autoindex_users_1 \(id=\?\)$/));
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH x USING (COVERING )?INDEX sqlite_autoindex_users_1 \(id>\?\)$/));
    expect(plan.filter((detail) => /^SCAN (u|x)\b/.test(detail))).toEqual([]);
  });

  it('finds the same pages and counts through the index as by checking each member', async () => {
    const pagesOf = async (indexAbove: number) => {
      const query = searchingIndexAbove(database, indexAbove);
      const pages = [];
      for (const filter of [undefined, 'existingMembers', 'nonMembers'] as const) {
        for (const search of ['user10', 'first1', 'acme', 'nobody']) pages.push(await query.page(group, { offset: 5, limit: 20, search, filter }));
      }
      return pages;
    };
    const fromIndex = await pagesOf(INDEX);
    expect(fromIndex.map((page) => page.totalCount)).toEqual([100, 242, USERS, 0, 50, 231, MEMBERS, 0, 50, 11, USERS - MEMBERS, 0]);
    expect(await pagesOf(CHECK)).toEqual(fromIndex);
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
