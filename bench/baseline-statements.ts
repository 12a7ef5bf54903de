/** The statements of the baseline server, also explained by the benchmark to find full scans. */

export type Change = 'remove' | 'add';

export const ACTOR_SQL = `SELECT t.expires_at, t.revoked_at, u.id AS user_id, u.username, m.org_id, m.role
  FROM access_tokens t
  JOIN users u ON u.id = t.user_id
  JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
 WHERE t.token_hash = $1`;
export const GROUP_SQL = 'SELECT id, name, slug, managed_externally FROM groups WHERE id = $1 AND org_id = $2';
export const USER_SQL = `SELECT u.id, u.username, u.email, u.first_name, u.last_name
  FROM users u JOIN org_memberships m ON m.user_id = u.id AND m.org_id = $1
 WHERE lower(u.username) = lower($2)`;
export const DELETE_SQL = 'DELETE FROM group_memberships WHERE group_id = $1 AND user_id = $2';
export const INSERT_SQL =
  'INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, user_id) DO NOTHING';
export const AUDIT_COLUMNS = 'id, org_id, actor_user_id, actor_username, event_type, metadata, req_id, ip_address, user_agent, created_at';
export const AUDIT_SQL = `INSERT INTO audit_logs (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

/** Token, group and user in one statement; the LEFT JOINs say which of them is missing. */
export const COMBINED_LOOKUP_SQL = `SELECT t.expires_at, t.revoked_at, a.id AS user_id, a.username, m.org_id, m.role,
       g.id AS group_id, g.name AS group_name, g.slug AS group_slug, g.managed_externally,
       x.id AS member_id, x.username AS member_username, x.email, x.first_name, x.last_name
  FROM access_tokens t
  JOIN users a ON a.id = t.user_id
  JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
  LEFT JOIN groups g ON g.id = $2 AND g.org_id = t.org_id
  LEFT JOIN LATERAL (
    SELECT u.id, u.username, u.email, u.first_name, u.last_name
      FROM users u JOIN org_memberships um ON um.user_id = u.id AND um.org_id = t.org_id
     WHERE lower(u.username) = lower($3)) x ON true
 WHERE t.token_hash = $1`;
const auditFrom = (source: string) => `INSERT INTO audit_logs (${AUDIT_COLUMNS}) SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM ${source}`;
/** Existence, concurrency and the audit entry settled by one statement. */
export const COMBINED_SQL: Record<Change, string> = {
  remove: `WITH changed AS (DELETE FROM group_memberships WHERE group_id = $1 AND user_id = $2 RETURNING 1) ${auditFrom('changed')}`,
  add: `WITH changed AS (INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES ($13, $1, $2, $12)
          ON CONFLICT (group_id, user_id) DO NOTHING RETURNING 1) ${auditFrom('changed')}`,
};

/** The lists of List Group Users that the baseline serves: the group's members, its non-members, or (absent) the whole organization. */
export type ListFilter = 'existingMembers' | 'nonMembers' | undefined;
export const LIST_FILTERS: readonly ListFilter[] = ['existingMembers', 'nonMembers', undefined];
/** What a list statement's placeholders stand for, in the order they appear (each appears once). */
export type ListParam = 'match' | 'window' | 'pattern' | 'group' | 'org' | 'limit' | 'offset';
/** Where a search finds its users: the trigram index, or the search space's members checked one by one. */
export type ListSource = 'index' | 'members';
export const LIST_SOURCES: readonly ListSource[] = ['index', 'members'];

/**
 * Up to this many members in the search space (the group's for `existingMembers`, else the
 * organization's), checking each of them costs less than reading the trigram index's posting lists
 * for terms whose trigrams are common, on 10⁶ users: about 1.5 µs a member on SQLite against 4 ms for
 * FTS5's phrase query, 4 µs on PostgreSQL against 60 ms for the GIN indexes.
 */
export const MEMBERS_CHECKED_AT_MOST: Record<'sqlite' | 'postgres', number> = { sqlite: 2_000, postgres: 10_000 };

/**
 * The largest search space worth checking member by member rather than reading the index for a term
 * whose lookup costs `checks` (in member checks): none, and no count, when the lookup is cheap.
 */
export function membersCheckedAtMost(dialect: 'sqlite' | 'postgres', checks: number): number {
  return checks <= 500 ? 0 : Math.min(MEMBERS_CHECKED_AT_MOST[dialect], Math.ceil(checks));
}

/** How many members the search space has, counted on its index up to one past `MEMBERS_CHECKED_AT_MOST`. */
export function searchSpaceStatement(filter: ListFilter): string {
  const [table, key] = filter === 'existingMembers' ? ['group_memberships', 'group_id'] : ['org_memberships', 'org_id'];
  return `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${key} = $1 ORDER BY ${key}, user_id LIMIT $2) space`;
}

/**
 * A page of the users whose username, email, first or last name contains a term of 3+ characters,
 * with the total count, in the service's listing order, counted by a window over the matches. From
 * the `index`: the users found through the trigram index (an FTS5 MATCH on SQLite, the GIN indexes
 * of `lower(column) LIKE` on PostgreSQL) by the term's `searchWindow`, checked for the whole term,
 * each one's membership looked up by the unique indexes (on PostgreSQL the lookup is a subquery it
 * cannot flatten, so that the whole term's LIKEs do not read the index as well). From
 * the `members`: the search space's memberships, each one's user looked up by primary key and checked.
 */
export function listStatement(dialect: 'sqlite' | 'postgres', filter: ListFilter, source: ListSource = 'index'): { text: string; params: ListParam[] } {
  const params: ListParam[] = [];
  const p = (param: ListParam) => {
    params.push(param);
    return `$${params.length}`;
  };
  // Placeholders are numbered in the order they appear in the text.
  const match = dialect === 'sqlite' && source === 'index' ? `users_search MATCH ${p('match')} AND ` : '';
  const like = (param: ListParam = 'pattern') =>
    ['username', 'email', 'first_name', 'last_name'].map((column) => `lower(u.${column}) LIKE ${p(param)}`).join(' OR ');
  const columns = 'u.id, u.username, u.email, u.first_name, u.last_name';
  // SQLite keeps the written order of a CROSS JOIN; PostgreSQL keeps a LATERAL lookup it cannot flatten (OFFSET 0).
  const join = dialect === 'sqlite' ? 'CROSS JOIN' : 'JOIN';
  const user = (key: string) =>
    dialect === 'sqlite' ? `CROSS JOIN users u ON u.id = ${key}` : `CROSS JOIN LATERAL (SELECT ${columns} FROM users u WHERE u.id = ${key} OFFSET 0) u`;
  let found: string;
  let memberships = '';
  if (source === 'members') {
    const space =
      filter === 'existingMembers'
        ? `FROM group_memberships gm ${user('gm.user_id')} WHERE gm.group_id = ${p('group')} AND`
        : filter === 'nonMembers'
          ? `FROM org_memberships om ${user('om.user_id')} WHERE om.org_id = ${p('org')} AND NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${p('group')} AND gm.user_id = om.user_id) AND`
          : `FROM org_memberships om ${user('om.user_id')} LEFT JOIN group_memberships gm ON gm.group_id = ${p('group')} AND gm.user_id = om.user_id WHERE om.org_id = ${p('org')} AND`;
    found = `SELECT ${columns}, ${filter === 'nonMembers' ? 'NULL' : 'gm.created_at'} AS joined_at ${space} (${like()})`;
  } else {
    found =
      dialect === 'sqlite'
        ? `SELECT ${columns} FROM users_search s JOIN users u ON u.rowid = s.rowid WHERE ${match}(${like()})`
        : `SELECT * FROM (SELECT ${columns} FROM users u WHERE ${like('window')} OFFSET 0) u WHERE ${like()}`;
    memberships =
      filter === 'existingMembers'
        ? `${join} group_memberships gm ON gm.group_id = ${p('group')} AND gm.user_id = f.id`
        : filter === 'nonMembers'
          ? `${join} org_memberships om ON om.org_id = ${p('org')} AND om.user_id = f.id
           WHERE NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${p('group')} AND gm.user_id = f.id)`
          : `${join} org_memberships om ON om.org_id = ${p('org')} AND om.user_id = f.id
           LEFT JOIN group_memberships gm ON gm.group_id = ${p('group')} AND gm.user_id = f.id`;
  }
  const joinedAt = source === 'members' ? 'f.joined_at' : filter === 'nonMembers' ? 'NULL' : 'gm.created_at';
  const text = `WITH found AS MATERIALIZED (${found})
    SELECT f.id, f.username, f.email, f.first_name, f.last_name, ${joinedAt} AS joined_at, count(*) OVER () AS total
      FROM found f ${memberships}
     ORDER BY f.first_name NULLS LAST, f.username, f.id LIMIT ${p('limit')} OFFSET ${p('offset')}`;
  return { text, params };
}

export interface ListQuery {
  filter: ListFilter;
  groupId: string;
  orgId: string;
  term: string;
  /** The part of the term that the trigram index looks up, and what that costs (`searchWindow`). */
  window: string;
  checks: number;
  limit: number;
  offset: number;
}

/** The values of a list statement's placeholders. */
export function listValues(params: readonly ListParam[], query: ListQuery): unknown[] {
  const term = query.term.toLowerCase();
  const values: Record<ListParam, unknown> = {
    match: `"${query.window.replace(/"/g, '""')}"`,
    window: `%${query.window}%`,
    pattern: `%${term}%`,
    group: query.groupId,
    org: query.orgId,
    limit: query.limit,
    offset: query.offset,
  };
  return params.map((param) => values[param]);
}

/**
 * Users that follow random ids ($1, an array), each found on the primary key: a sample of the users'
 * trigrams, from which a search chooses the part of its term that the trigram index reads least for.
 */
export const SAMPLE_SQL: Record<'sqlite' | 'postgres', string> = {
  sqlite: `SELECT (SELECT max(rowid) FROM users) AS population, u.username, u.email, u.first_name, u.last_name FROM json_each($1) p
    CROSS JOIN users u ON u.id = (SELECT x.id FROM users x WHERE x.id >= p.value ORDER BY x.id LIMIT 1)`,
  postgres: `SELECT (SELECT greatest(c.reltuples, 0) FROM pg_class c WHERE c.oid = 'users'::regclass) AS population,
      u.username, u.email, u.first_name, u.last_name FROM unnest($1::uuid[]) p (id)
    CROSS JOIN LATERAL (SELECT x.username, x.email, x.first_name, x.last_name FROM users x WHERE x.id >= p.id ORDER BY x.id LIMIT 1) u`,
};
export const SAMPLED_USERS = 1000;
export const SAMPLE_MAX_AGE_MS = 10 * 60_000;

/** In how many sampled users each trigram occurs, in any searched column, lower-cased; how many users there are; and whose index they price. */
export interface TrigramCounts {
  users: number;
  counts: Map<string, number>;
  population: number;
  dialect: 'sqlite' | 'postgres';
}

export function trigramCounts(rows: readonly Record<string, unknown>[], dialect: 'sqlite' | 'postgres'): TrigramCounts {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const trigrams = new Set<string>();
    for (const column of ['username', 'email', 'first_name', 'last_name']) {
      const chars = [...String(row[column] ?? '').toLowerCase()];
      for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
    }
    for (const trigram of trigrams) counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return { users: rows.length, counts, population: rows.length === 0 ? 0 : Number(rows[0].population), dialect };
}

/**
 * The part of `term` (lower case) whose trigram lookup costs least: each position's share of users
 * (the entries read), plus 200 times the candidates it finds, estimated as if the trigrams occurred
 * independently; up to 6 trigrams. On PostgreSQL a repeated trigram is read once and narrows nothing
 * (the GIN index looks up distinct trigrams); FTS5 reads it again, and its phrase narrows. The rarest
 * part finds every user the whole term finds, and the whole term's condition decides. Its cost in
 * member checks: a check costs about 200 entries read.
 */
export function searchWindow(term: string, { users, counts, population, dialect }: TrigramCounts): { window: string; checks: number } {
  const chars = [...term];
  const trigram = (i: number) => chars.slice(i, i + 3).join('');
  const share = (i: number) => ((counts.get(trigram(i)) ?? 0) + 0.5) / (users + 1);
  let best = { cost: Infinity, start: 0, end: chars.length - 3 };
  for (let start = 0; start + 3 <= chars.length; start++) {
    let read = 0;
    let found = 1;
    const looked = new Set<string>();
    for (let end = start; end + 3 <= chars.length && end < start + 6; end++) {
      if (dialect === 'sqlite' || !looked.has(trigram(end))) {
        read += share(end);
        found *= share(end);
      }
      looked.add(trigram(end));
      if (read + 200 * found < best.cost) best = { cost: read + 200 * found, start, end };
    }
  }
  return { window: chars.slice(best.start, best.end + 3).join(''), checks: (population * best.cost) / 200 };
}

const SEARCHED = ['username', 'email', 'first_name', 'last_name'];
const searchRow = (row: 'new' | 'old') => SEARCHED.map((column) => `${row}.${column}`).join(', ');

/**
 * The indexes the searches need, as the baseline declares them in its own schema: created at its
 * start where missing (the service's migrations build the same ones, under the same names).
 */
export const SEARCH_SCHEMA: Record<'sqlite' | 'postgres', string[]> = {
  postgres: [
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    ...SEARCHED.map((column) => `CREATE INDEX IF NOT EXISTS users_${column}_trgm_idx ON users USING gin (lower(${column}) gin_trgm_ops)`),
  ],
  sqlite: [
    `CREATE VIRTUAL TABLE users_search USING fts5(${SEARCHED.join(', ')}, content = 'users', content_rowid = 'rowid', tokenize = 'trigram')`,
    `CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
       INSERT INTO users_search (rowid, ${SEARCHED.join(', ')}) VALUES (new.rowid, ${searchRow('new')}); END`,
    `CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
       INSERT INTO users_search (users_search, rowid, ${SEARCHED.join(', ')}) VALUES ('delete', old.rowid, ${searchRow('old')}); END`,
    `CREATE TRIGGER users_search_update AFTER UPDATE OF ${SEARCHED.join(', ')} ON users BEGIN
       INSERT INTO users_search (users_search, rowid, ${SEARCHED.join(', ')}) VALUES ('delete', old.rowid, ${searchRow('old')});
       INSERT INTO users_search (rowid, ${SEARCHED.join(', ')}) VALUES (new.rowid, ${searchRow('new')}); END`,
    `INSERT INTO users_search (users_search) VALUES ('rebuild')`,
  ],
};
