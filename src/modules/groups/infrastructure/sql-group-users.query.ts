import { Injectable } from '@nestjs/common';
import { Database, type Dialect, isoTimestamp } from '../../../database/database';
import { type GroupUserListing, type GroupUsersCriteria, type GroupUsersFilter, type GroupUsersPage, GroupUsersQuery } from '../application/group-users.query';
import type { Group } from '../domain/group';
import { type TermLookup, UserTrigramSample } from './search-window';
import { USER_COLUMNS, type UserRow } from './sql-group.repository';

/**
 * Trigram indexes find terms of at least three characters. A shorter term has no trigram to look up:
 * it is checked on the group's or the organization's users, whose number bounds its cost.
 */
const INDEXED_SEARCH_CHARACTERS = 3;

function isIndexed(search: string): boolean {
  return [...search.toLowerCase()].length >= INDEXED_SEARCH_CHARACTERS;
}

/** An FTS5 query matching `term` as a substring: one quoted string, which the trigram tokenizer matches anywhere. */
function phrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The user columns of the users a search found, read as `f`. */
const FOUND_COLUMNS = 'f.id, f.username, f.email, f.first_name, f.last_name';

/**
 * The joins from the users found by a search (`f`) to their memberships that the filter keeps, each
 * looked up by its user with the unique indexes. On PostgreSQL each is a LATERAL subquery it cannot
 * flatten (OFFSET 0), and so is the NOT EXISTS of non-members: a generic plan, which does not know how
 * few users the search finds, would otherwise be free to read every membership of the organization.
 */
function foundMemberships(group: Group, filter: GroupUsersFilter | undefined, params: Params, dialect: Dialect): { joins: string; joinedAt: string } {
  const notFlattened = dialect === 'postgres' ? ' OFFSET 0' : '';
  const lookup = (kind: 'CROSS' | 'LEFT', table: string, alias: string, columns: string, on: string) =>
    dialect === 'postgres'
      ? `${kind} JOIN LATERAL (SELECT ${columns} FROM ${table} ${alias} WHERE ${on}${notFlattened}) ${alias}${kind === 'LEFT' ? ' ON true' : ''}`
      : `${kind} JOIN ${table} ${alias} ON ${on}`;
  const inGroup = (alias: string) => `${alias}.group_id = ${params.add(group.id)} AND ${alias}.user_id = f.id`;
  // A deactivated member of the organization is listed nowhere, though it keeps its group memberships.
  const inOrg = lookup('CROSS', 'org_memberships', 'om', 'om.user_id', `om.org_id = ${params.add(group.orgId)} AND om.user_id = f.id AND om.active`);
  if (filter === 'existingMembers')
    return { joins: `${inOrg} ${lookup('CROSS', 'group_memberships', 'gm', 'gm.created_at', inGroup('gm'))}`, joinedAt: 'gm.created_at' };
  if (filter === 'nonMembers') {
    return { joins: `${inOrg} WHERE NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE ${inGroup('gm')}${notFlattened})`, joinedAt: 'NULL' };
  }
  return { joins: `${inOrg} ${lookup('LEFT', 'group_memberships', 'gm', 'gm.created_at', inGroup('gm'))}`, joinedAt: 'gm.created_at' };
}

/**
 * Up to this many members in the search space (the group's, or the organization's), a search checks
 * each of them rather than reading the trigram index, when the index costs more: the bound for a term
 * whose every part is common. Measured on 10⁶ users whose trigrams are mostly common ones: a member
 * costs about 1.5 µs to check on SQLite against 4 ms for an FTS5 phrase query of the whole term, and
 * 4 µs on PostgreSQL against 60 ms for the GIN indexes. The check's cost is bounded by the search
 * space; the index's follows the users of every organization and how common the term's trigrams are.
 */
const CHECKED_MEMBERS_LIMIT: Record<Dialect, number> = { sqlite: 2_000, postgres: 10_000 };

/**
 * A term whose index lookup costs at most this many member checks is looked up without counting the
 * search space: the count is a round trip, and checking a space this small gains less than that. Such
 * a search, about a millisecond, runs at once where the database can (`Database.queryShort`): on
 * SQLite the hop to the worker and back, with the copy of the page, cost a third as much again.
 */
const INDEX_WITHOUT_COUNT_CHECKS = 500;

/** Up to this many matches are gathered and sorted; more are read in listing order from the index, a page at a time. */
const GATHER_LIMIT = 1000;

/** First name (users without one last, on both databases), then username, then id: a total order, stable across pages. */
function order(alias: string): string {
  return `${alias}.first_name NULLS LAST, ${alias}.username, ${alias}.id`;
}

interface Row extends UserRow {
  joined_at: unknown;
}

/** Placeholders $1, $2, … in the order values are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Where the listed users come from: membership rows whose user is `userId`, and whether each is in the group. */
interface Source {
  /** The membership table: all a count without a condition on users needs. */
  readonly from: string;
  /** What tells a member from a non-member, for the rows of a page. */
  readonly join: string;
  readonly where: string;
  readonly userId: string;
  readonly joinedAt: string;
}

function source(group: Group, filter: GroupUsersFilter | undefined, params: Params, forPage: boolean, dialect: Dialect, memberId = 'gm.user_id'): Source {
  if (filter === 'existingMembers') {
    // Group members are members of the organization (the fixture loader and the add route see to it), but
    // a deactivated one keeps its group memberships and is not listed. Looked up per member on PostgreSQL
    // (OFFSET 0), as a plan for a given organization would otherwise read all of its memberships; of a
    // found user (`memberId` u.id), only once the user matches.
    const notFlattened = dialect === 'postgres' ? ' OFFSET 0' : '';
    const active = `EXISTS (SELECT 1 FROM org_memberships om WHERE om.org_id = ${params.add(group.orgId)} AND om.user_id = ${memberId} AND om.active${notFlattened})`;
    return {
      from: 'group_memberships gm',
      join: '',
      where: `gm.group_id = ${params.add(group.id)} AND ${active}`,
      userId: 'gm.user_id',
      joinedAt: 'gm.created_at',
    };
  }
  const inOrg = `om.org_id = ${params.add(group.orgId)} AND om.active`;
  if (filter === 'nonMembers') {
    const notMember = `NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${params.add(group.id)} AND gm.user_id = om.user_id)`;
    return { from: 'org_memberships om', join: '', where: `${inOrg} AND ${notMember}`, userId: 'om.user_id', joinedAt: 'NULL' };
  }
  const join = forPage ? ` LEFT JOIN group_memberships gm ON gm.group_id = ${params.add(group.id)} AND gm.user_id = om.user_id` : '';
  return { from: 'org_memberships om', join, where: inOrg, userId: 'om.user_id', joinedAt: 'gm.created_at' };
}

/** Whether a searched column of `u` is LIKE `pattern`, a lower-case placeholder. */
function containing(pattern: string): string {
  return `(lower(u.username) LIKE ${pattern} OR lower(u.email) LIKE ${pattern} OR lower(u.first_name) LIKE ${pattern} OR lower(u.last_name) LIKE ${pattern})`;
}

/** A condition on `u`, from `search` or else `username`. */
interface UserCondition {
  readonly sql: string;
  /** Whether an index of users finds the matching users: the unique index on lower(username) does. */
  readonly indexed: boolean;
}

/** The condition of `search` or else `username`; undefined when neither is given. */
function userCondition(criteria: GroupUsersCriteria, params: Params): UserCondition | undefined {
  if (criteria.search !== undefined) {
    // `%` and `_` cannot occur: the search holds only letters, digits, `-`, `.` and `@`.
    return { sql: containing(params.add(`%${criteria.search.toLowerCase()}%`)), indexed: false };
  }
  if (criteria.username !== undefined) return { sql: `lower(u.username) = lower(${params.add(criteria.username)})`, indexed: true };
  return undefined;
}

/**
 * What a statement reads first. `memberships`: the membership rows (the group's, or the
 * organization's), each looking its user up by primary key, so that the cost follows the group or the
 * organization and never the number of users in the database. A search too short for the trigram
 * indexes (see `searched` for the others) is checked on each of those users. `users`: the
 * users an index finds (the one of a username), or, for a page of a large result without condition
 * (`inListingOrder`), the users in the order of the listing index, each looking its membership up,
 * stopping after the page.
 */
function drivenBy(condition: UserCondition | undefined, inListingOrder: boolean): 'memberships' | 'users' {
  if (condition === undefined) return inListingOrder ? 'users' : 'memberships';
  return condition.indexed ? 'users' : 'memberships';
}

/**
 * `FROM … WHERE …` of the listed users that meet the condition, read in the order `drivenBy` says.
 * SQLite keeps the written order of a CROSS JOIN. PostgreSQL reorders joins, and prices a lookup per
 * membership above a hash join that reads every user; a LATERAL subquery it cannot flatten (OFFSET 0)
 * keeps the lookup per membership, in generic plans too. The page's membership join comes after the
 * user, so that it is looked up for matching users only.
 */
function matching({ from, join, where, userId }: Source, condition: UserCondition | undefined, inListingOrder: boolean, dialect: Dialect): string {
  const conditions = condition ? `${where} AND ${condition.sql}` : where;
  if (drivenBy(condition, inListingOrder) === 'users') return `FROM users u CROSS JOIN ${from}${join} WHERE ${userId} = u.id AND ${conditions}`;
  if (dialect === 'postgres') {
    return `FROM ${from} CROSS JOIN LATERAL (SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ${userId} OFFSET 0) u${join} WHERE ${conditions}`;
  }
  return `FROM ${from} CROSS JOIN users u${join} WHERE ${userId} = u.id AND ${conditions}`;
}

function listing(row: Row): GroupUserListing {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    isPartOfGroup: row.joined_at !== null,
    joinedGroupAt: row.joined_at === null ? null : isoTimestamp(row.joined_at),
  };
}

/**
 * The users of a group's organization as the members listing shows them, without loading more than a
 * page and its count. A result of up to GATHER_LIMIT users is gathered, counted and sorted in one
 * query. A larger one is counted with one query on the membership index, then read in the order of
 * the `users_listing_order_idx` index, stopping after the page: a million-member group is never sorted.
 * A larger result of a search too short for the trigram indexes is counted and sorted from the
 * memberships: every one of them is read to check the search anyway.
 */
@Injectable()
export class SqlGroupUsersQuery extends GroupUsersQuery {
  /** Which part of a term the trigram index looks up. */
  private readonly sample: UserTrigramSample;

  constructor(private readonly database: Database) {
    super();
    this.sample = new UserTrigramSample(database);
  }

  async page(group: Group, criteria: GroupUsersCriteria): Promise<GroupUsersPage> {
    if (criteria.search !== undefined && isIndexed(criteria.search)) return this.searched(group, criteria.search, criteria);
    const gathered = await this.gathered(group, criteria);
    if (gathered) return gathered;
    const totalCount = await this.count(group, criteria);
    if (criteria.offset >= totalCount) return { users: [], totalCount };
    return { users: (await this.walked(group, criteria)).map(listing), totalCount };
  }

  /** The page and the count of a small result; undefined when there are more than GATHER_LIMIT matches. */
  private async gathered(group: Group, criteria: GroupUsersCriteria): Promise<GroupUsersPage | undefined> {
    const params = new Params();
    const users = source(group, criteria.filter, params, true, this.database.dialect);
    const condition = userCondition(criteria, params);
    // One more than the limit tells a large result; the page is left-joined to one row, so that an
    // empty page still carries the count.
    const rows = await this.database.query<Row & { total: number | string }>(
      `WITH matches AS MATERIALIZED (
              SELECT ${USER_COLUMNS}, ${users.joinedAt} AS joined_at ${matching(users, condition, false, this.database.dialect)} LIMIT ${params.add(GATHER_LIMIT + 1)}),
            page AS (SELECT * FROM matches m ORDER BY ${order('m')} LIMIT ${params.add(criteria.limit)} OFFSET ${params.add(criteria.offset)})
       SELECT (SELECT count(*) FROM matches) AS total, p.* FROM (SELECT 1 AS one) o LEFT JOIN page p ON 1 = 1 ORDER BY ${order('p')}`,
      params.values,
    );
    const totalCount = Number(rows[0].total);
    if (totalCount > GATHER_LIMIT) return undefined;
    return { users: rows.filter((row) => row.id !== null).map(listing), totalCount };
  }

  /**
   * The page and the count of a search of three characters or more, in one statement, from whichever
   * of two sources reads less. The users in the search space (the group's members, or the
   * organization's) are checked one by one when they are few; otherwise the trigram index finds the
   * users whose columns contain the part of the term that reads least (see TrigramSample), and each
   * one's memberships are looked up by user. The index's cost follows the users of every organization
   * and how common the term's trigrams are, the check's the search space alone. The index finds
   * candidates (a part of the term; on SQLite it folds case beyond ASCII, and PostgreSQL's trigram
   * match is lossy); the same LIKE condition decides either way, so that the result does not depend on
   * the source.
   */
  private async searched(group: Group, search: string, criteria: GroupUsersCriteria): Promise<GroupUsersPage> {
    const { dialect } = this.database;
    const params = new Params();
    const condition = userCondition(criteria, params) as UserCondition;
    const lookup = (await this.sample.current()).lookup(search.toLowerCase());
    const checked = this.checkedMembers(lookup);
    let matches: string;
    if (checked > 0 && (await this.searchSpaceIsSmall(group, criteria.filter, checked))) {
      const users = source(group, criteria.filter, params, true, dialect, 'u.id');
      matches = `matches AS MATERIALIZED (SELECT ${USER_COLUMNS}, ${users.joinedAt} AS joined_at ${matching(users, condition, false, dialect)})`;
    } else {
      // The index looks up the rarest part of the term; the condition checks the candidates. On
      // PostgreSQL the lookup is a subquery it cannot flatten (OFFSET 0), so that the condition's own
      // LIKEs, which the same indexes serve, do not read the term's common trigrams after all.
      const found =
        dialect === 'postgres'
          ? `SELECT * FROM (SELECT ${USER_COLUMNS} FROM users u WHERE ${containing(params.add(`%${lookup.window}%`))} OFFSET 0) u WHERE ${condition.sql}`
          : `SELECT ${USER_COLUMNS} FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid WHERE users_search MATCH ${params.add(phrase(lookup.window))} AND ${condition.sql}`;
      const memberships = foundMemberships(group, criteria.filter, params, dialect);
      matches = `found AS MATERIALIZED (${found}),
                 matches AS MATERIALIZED (SELECT ${FOUND_COLUMNS}, ${memberships.joinedAt} AS joined_at FROM found f ${memberships.joins})`;
    }
    const sql = `WITH ${matches},
            page AS (SELECT * FROM matches m ORDER BY ${order('m')} LIMIT ${params.add(criteria.limit)} OFFSET ${params.add(criteria.offset)})
       SELECT (SELECT count(*) FROM matches) AS total, p.* FROM (SELECT 1 AS one) o LEFT JOIN page p ON 1 = 1 ORDER BY ${order('p')}`;
    type Counted = Row & { total: number | string };
    const rows = checked === 0 ? await this.database.queryShort<Counted>(sql, params.values) : await this.database.query<Counted>(sql, params.values);
    return { users: rows.filter((row) => row.id !== null).map(listing), totalCount: Number(rows[0].total) };
  }

  /**
   * The largest search space whose members are checked rather than the index read for `lookup`: as
   * many as the index costs, up to CHECKED_MEMBERS_LIMIT; none (and no count) when it costs little.
   */
  protected checkedMembers(lookup: TermLookup): number {
    if (lookup.checks <= INDEX_WITHOUT_COUNT_CHECKS) return 0;
    return Math.min(CHECKED_MEMBERS_LIMIT[this.database.dialect], Math.ceil(lookup.checks));
  }

  /**
   * Whether the search space holds at most `limit` memberships: counted on the group's or the
   * organization's membership index, stopping past the limit. The index's order keeps PostgreSQL on
   * the index for a large organization too, rather than scanning the table until enough of its rows
   * are found.
   */
  private async searchSpaceIsSmall(group: Group, filter: GroupUsersFilter | undefined, limit: number): Promise<boolean> {
    const [table, alias, key, id] =
      filter === 'existingMembers' ? ['group_memberships', 'gm', 'group_id', group.id] : ['org_memberships', 'om', 'org_id', group.orgId];
    const [row] = await this.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.${key} = $1 ORDER BY ${alias}.${key}, ${alias}.user_id LIMIT $2) space`,
      [id, limit + 1],
    );
    return Number(row.n) <= limit;
  }

  private async count(group: Group, criteria: GroupUsersCriteria): Promise<number> {
    const params = new Params();
    const users = source(group, criteria.filter, params, false, this.database.dialect);
    const condition = userCondition(criteria, params);
    const sql = condition
      ? `SELECT count(*) AS total ${matching(users, condition, false, this.database.dialect)}`
      : `SELECT count(*) AS total FROM ${users.from} WHERE ${users.where}`;
    const [row] = await this.database.query<{ total: number | string }>(sql, params.values);
    return Number(row.total);
  }

  private walked(group: Group, criteria: GroupUsersCriteria): Promise<Row[]> {
    const params = new Params();
    const users = source(group, criteria.filter, params, true, this.database.dialect);
    const condition = userCondition(criteria, params);
    return this.database.query<Row>(
      `SELECT ${USER_COLUMNS}, ${users.joinedAt} AS joined_at ${matching(users, condition, true, this.database.dialect)}
        ORDER BY ${order('u')} LIMIT ${params.add(criteria.limit)} OFFSET ${params.add(criteria.offset)}`,
      params.values,
    );
  }
}
