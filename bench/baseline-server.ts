/**
 * The practical limit for Remove Group User on this machine: `node:http` and the bare driver, doing
 * the work of Remove Group User (docs/contract.md), and of its mirror Add Group User for the remove+add
 * cycle, with prepared statements and nothing else. The benchmark compares the service against it.
 *
 * It imports nothing from the service: the benchmark transpiles it with its statements and runs it on plain node.
 * Environment: PORT, DATABASE_URL (`sqlite:PATH` or `postgres://…`), BASELINE_FORM:
 * - `stepwise`: one statement per step, as a straightforward service would run them;
 * - `combined` (PostgreSQL): one SELECT for token, group and user, then one statement that deletes
 *   and writes the audit entry (a CTE), so two round trips per request.
 * It also answers List Group Users for a search term of 3+ characters (the benchmark's `list`
 * scenarios), with the same JSON as the service, through the trigram indexes.
 * The benchmark's actor is an org admin; any other role is refused, which is all this server needs.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type PoolClient } from 'pg';
import {
  ACTOR_SQL,
  AUDIT_SQL,
  type Change,
  COMBINED_LOOKUP_SQL,
  COMBINED_SQL,
  DELETE_SQL,
  GROUP_SQL,
  INSERT_SQL,
  LIST_FILTERS,
  LIST_SOURCES,
  type ListFilter,
  type ListQuery,
  type ListSource,
  listStatement,
  listValues,
  membersCheckedAtMost,
  SAMPLE_MAX_AGE_MS,
  SAMPLE_SQL,
  SAMPLED_USERS,
  SEARCH_SCHEMA,
  searchSpaceStatement,
  searchWindow,
  type TrigramCounts,
  trigramCounts,
  USER_SQL,
} from './baseline-statements';

interface Actor {
  userId: string;
  username: string;
  orgId: string;
  role: string;
}
interface GroupRow {
  id: string;
  name: string;
  slug: string;
  managed: boolean;
}
interface UserRow {
  id: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}
interface Lookup {
  actor?: Actor;
  group?: GroupRow;
  user?: UserRow;
}
interface AuditEntry {
  id: string;
  orgId: string;
  actorUserId: string;
  actorUsername: string;
  eventType: string;
  metadata: string;
  reqId: string;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** What a request needs from the database; each form and driver answers it its own way. */
interface Store {
  authenticate(tokenHash: string): Promise<Actor | undefined>;
  /** Token, then group, then user; stops at the first that is missing. */
  lookup(tokenHash: string, groupId: string, username: string): Promise<Lookup>;
  /** Deletes (or inserts) the membership and writes the audit entry, atomically; false when moot. */
  change(change: Change, groupId: string, userId: string, audit: AuditEntry): Promise<boolean>;
  group(groupId: string, orgId: string): Promise<GroupRow | undefined>;
  /** A page of a search and the total count (0 when the page is empty). */
  list(query: ListQuery): Promise<{ rows: Record<string, unknown>[] }>;
  /** The users' trigrams, sampled by SAMPLE_SQL. */
  sample(): Promise<Record<string, unknown>[]>;
}

/** The trigram sample, taken on the first search and again once it is old, searches going on with the old one meanwhile. */
function sampled(store: Store, dialect: 'sqlite' | 'postgres'): () => Promise<TrigramCounts> {
  let current: Promise<TrigramCounts> | undefined;
  let takenAt = 0;
  return () => {
    if (current === undefined || Date.now() - takenAt > SAMPLE_MAX_AGE_MS) {
      const previous = current;
      takenAt = Date.now();
      current = store.sample().then((rows) => trigramCounts(rows, dialect));
      if (previous) return previous;
    }
    return current;
  };
}

function actorOf(row: Record<string, unknown> | undefined): Actor | undefined {
  if (!row || row.revoked_at !== null) return undefined;
  if (row.expires_at !== null && new Date(row.expires_at as string).getTime() <= Date.now()) return undefined;
  return { userId: row.user_id as string, username: row.username as string, orgId: row.org_id as string, role: row.role as string };
}

function groupOf(row: Record<string, unknown> | undefined): GroupRow | undefined {
  return row && { id: row.id as string, name: row.name as string, slug: row.slug as string, managed: Boolean(row.managed_externally) };
}

function userOf(row: Record<string, unknown> | undefined): UserRow | undefined {
  return (
    row && {
      id: row.id as string,
      username: row.username as string,
      email: row.email as string | null,
      firstName: row.first_name as string | null,
      lastName: row.last_name as string | null,
    }
  );
}

function auditValues(audit: AuditEntry): unknown[] {
  return [
    audit.id,
    audit.orgId,
    audit.actorUserId,
    audit.actorUsername,
    audit.eventType,
    audit.metadata,
    audit.reqId,
    audit.ipAddress,
    audit.userAgent,
    audit.createdAt,
  ];
}

/** The group whose members a search looks among, or the organization. */
function spaceKey(query: ListQuery): string {
  return query.filter === 'existingMembers' ? query.groupId : query.orgId;
}

/** Checking each member of a small search space reads less than the trigram index (see membersCheckedAtMost). */
function sourceFor(space: number, limit: number): ListSource {
  return space <= limit ? 'members' : 'index';
}

/** better-sqlite3: synchronous statements prepared once; a write is one immediate transaction. */
function sqliteStore(path: string): Store {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'users_search'").get()) db.transaction(() => SEARCH_SCHEMA.sqlite.forEach((sql) => db.exec(sql)))();
  // Each statement uses its placeholders once and in order: `$n` is simply `?`.
  const prepare = (sql: string) => db.prepare(sql.replace(/\$\d+/g, '?'));
  const actor = prepare(ACTOR_SQL);
  const group = prepare(GROUP_SQL);
  const user = prepare(USER_SQL);
  const write = { remove: prepare(DELETE_SQL), add: prepare(INSERT_SQL) };
  const audit = prepare(AUDIT_SQL);
  const change = db.transaction((kind: Change, groupId: string, userId: string, entry: AuditEntry) => {
    const result = kind === 'remove' ? write.remove.run(groupId, userId) : write.add.run(randomUUID(), groupId, userId, entry.createdAt);
    if (result.changes === 1) audit.run(...auditValues(entry));
    return result.changes === 1;
  });
  const one = (statement: BetterSqlite3.Statement, ...params: unknown[]) => statement.get(...params) as Record<string, unknown> | undefined;
  const lists = new Map(
    LIST_FILTERS.flatMap((filter) =>
      LIST_SOURCES.map((source) => {
        const { text, params } = listStatement('sqlite', filter, source);
        return [`${filter} ${source}`, { statement: prepare(text), params }] as const;
      }),
    ),
  );
  const spaces = new Map(LIST_FILTERS.map((filter) => [filter, prepare(searchSpaceStatement(filter))]));
  const sample = prepare(SAMPLE_SQL.sqlite);
  return {
    sample: async () => sample.all(JSON.stringify(Array.from({ length: SAMPLED_USERS }, () => randomUUID()))) as Record<string, unknown>[],
    authenticate: async (tokenHash) => actorOf(one(actor, tokenHash)),
    group: async (groupId, orgId) => groupOf(one(group, groupId, orgId)),
    async list(query) {
      const limit = membersCheckedAtMost('sqlite', query.checks);
      const space = limit === 0 ? 1 : Number(one(spaces.get(query.filter)!, spaceKey(query), limit + 1)!.n);
      const { statement, params } = lists.get(`${query.filter} ${sourceFor(space, limit)}`)!;
      return { rows: statement.all(...listValues(params, query)) as Record<string, unknown>[] };
    },
    async lookup(tokenHash, groupId, username) {
      const found = actorOf(one(actor, tokenHash));
      if (!found) return {};
      const foundGroup = groupOf(one(group, groupId, found.orgId));
      if (!foundGroup) return { actor: found };
      return { actor: found, group: foundGroup, user: userOf(one(user, found.orgId, username)) };
    },
    change: async (kind, groupId, userId, entry) => change.immediate(kind, groupId, userId, entry),
  };
}

/** pg: named prepared statements, one pooled connection per request. */
function postgresStore(url: string, combined: boolean): Store {
  const pool = new Pool({ connectionString: url, max: 10 });
  const rows = async (client: PoolClient, name: string, text: string, values: unknown[]) =>
    (await client.query<Record<string, unknown>>({ name, text, values })).rows;
  const withClient = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  };
  const authenticate = (tokenHash: string) => withClient(async (client) => actorOf((await rows(client, 'actor', ACTOR_SQL, [tokenHash]))[0]));
  const group = (groupId: string, orgId: string) => withClient(async (client) => groupOf((await rows(client, 'group', GROUP_SQL, [groupId, orgId]))[0]));
  const lists = new Map(
    LIST_FILTERS.flatMap((filter) =>
      LIST_SOURCES.map(
        (source) => [`${filter} ${source}`, { name: `list-${filter ?? 'all'}-${source}`, ...listStatement('postgres', filter, source) }] as const,
      ),
    ),
  );
  const list = (query: ListQuery) =>
    withClient(async (client) => {
      const limit = membersCheckedAtMost('postgres', query.checks);
      const [{ n }] =
        limit === 0 ? [{ n: 1 }] : await rows(client, `space-${query.filter ?? 'all'}`, searchSpaceStatement(query.filter), [spaceKey(query), limit + 1]);
      const { name, text, params } = lists.get(`${query.filter} ${sourceFor(Number(n), limit)}`)!;
      return { rows: await rows(client, name, text, listValues(params, query)) };
    });
  const sample = () => withClient((client) => rows(client, 'sample', SAMPLE_SQL.postgres, [Array.from({ length: SAMPLED_USERS }, () => randomUUID())]));

  if (combined) {
    return {
      authenticate,
      group,
      list,
      sample,
      lookup: (tokenHash, groupId, username) =>
        withClient(async (client) => {
          const [row] = await rows(client, 'lookup', COMBINED_LOOKUP_SQL, [tokenHash, groupId, username]);
          const actor = actorOf(row);
          if (!actor) return {};
          if (row.group_id === null) return { actor };
          const group = {
            id: row.group_id as string,
            name: row.group_name as string,
            slug: row.group_slug as string,
            managed: Boolean(row.managed_externally),
          };
          if (row.member_id === null) return { actor, group };
          return { actor, group, user: userOf({ ...row, id: row.member_id, username: row.member_username }) };
        }),
      change: (kind, groupId, userId, audit) =>
        withClient(async (client) => {
          const values = [groupId, userId, ...auditValues(audit), ...(kind === 'add' ? [randomUUID()] : [])];
          return (await client.query({ name: kind, text: COMBINED_SQL[kind], values })).rowCount === 1;
        }),
    };
  }

  return {
    authenticate,
    group,
    list,
    sample,
    lookup: (tokenHash, groupId, username) =>
      withClient(async (client) => {
        const actor = actorOf((await rows(client, 'actor', ACTOR_SQL, [tokenHash]))[0]);
        if (!actor) return {};
        const group = groupOf((await rows(client, 'group', GROUP_SQL, [groupId, actor.orgId]))[0]);
        if (!group) return { actor };
        return { actor, group, user: userOf((await rows(client, 'user', USER_SQL, [actor.orgId, username]))[0]) };
      }),
    change: (kind, groupId, userId, audit) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const write =
            kind === 'remove'
              ? { name: 'delete', text: DELETE_SQL, values: [groupId, userId] }
              : { name: 'insert', text: INSERT_SQL, values: [randomUUID(), groupId, userId, audit.createdAt] };
          const changed = (await client.query(write)).rowCount === 1;
          if (changed) await client.query({ name: 'audit', text: AUDIT_SQL, values: auditValues(audit) });
          await client.query(changed ? 'COMMIT' : 'ROLLBACK');
          return changed;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }),
  };
}

const REQ_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
const MEMBER_ROUTE = /^\/api\/v1\/groups\/([^/]+)\/users\/([^/]+)$/;
const LIST_ROUTE = /^\/api\/v1\/groups\/([^/]+)\/users$/;

class HttpError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly message: unknown,
  ) {}
}

function requestId(): string {
  let id = 'req-';
  for (const byte of randomBytes(14)) id += REQ_ID_ALPHABET[byte % REQ_ID_ALPHABET.length];
  return id;
}

function send(response: ServerResponse, reqId: string, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), 'x-request-id': reqId });
  response.end(json);
}

function tokenHashOf(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new HttpError(401, 'UnauthorizedError', 'Token missing');
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new HttpError(400, 'BadRequest', 'Malformed Authorization header');
  return createHash('sha256').update(match[1], 'utf8').digest('hex');
}

/** Input problems of the route, as the contract's 422 issues; empty when the input is valid. */
function inputIssues(groupId: string, username: string): { code: string; message: string; path: string[] }[] {
  const issues = [];
  if (!UUID.test(groupId)) issues.push({ code: 'invalid_uuid', message: 'id must be a UUID', path: ['id'] });
  const trimmed = username.trim();
  if (trimmed === '' || trimmed.length > 255 || CONTROL.test(trimmed))
    issues.push({ code: 'invalid_username', message: 'username is invalid', path: ['username'] });
  return issues;
}

async function changeMember(store: Store, kind: Change, request: IncomingMessage, reqId: string, groupId: string, rawUsername: string): Promise<UserRow> {
  const tokenHash = tokenHashOf(request.headers.authorization);
  let username: string;
  try {
    username = decodeURIComponent(rawUsername);
  } catch {
    username = '';
  }
  const issues = inputIssues(groupId, username);
  if (issues.length > 0) {
    if (!(await store.authenticate(tokenHash))) throw new HttpError(401, 'UnauthorizedError', 'Invalid token');
    throw new HttpError(422, 'ValidationFailure', issues);
  }
  username = username.trim();
  const { actor, group, user } = await store.lookup(tokenHash, groupId, username);
  if (!actor) throw new HttpError(401, 'UnauthorizedError', 'Invalid token');
  if (actor.role !== 'admin') throw new HttpError(403, 'PermissionDenied', 'You are not allowed to edit on groups');
  if (!group) throw new HttpError(404, 'NotFound', `Failed to find group with ID ${groupId}`);
  if (group.managed) throw new HttpError(400, 'BadRequest', `The memberships of group ${group.slug} are managed by an identity provider`);
  if (!user) throw new HttpError(404, 'NotFound', `Failed to find user with username ${username}`);
  const audit: AuditEntry = {
    id: randomUUID(),
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    eventType: kind === 'remove' ? 'remove-user-from-group' : 'add-user-to-group',
    metadata: JSON.stringify({ groupId: group.id, groupName: group.name, userId: user.id, username: user.username }),
    reqId,
    ipAddress: request.socket.remoteAddress ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    createdAt: new Date().toISOString(),
  };
  if (!(await store.change(kind, group.id, user.id, audit))) {
    if (kind === 'remove') throw new HttpError(404, 'NotFound', `User ${username} is not part of the group ${group.slug}`);
    throw new HttpError(400, 'BadRequest', `User ${username} is already part of the group ${group.slug}`);
  }
  return user;
}

/** List Group Users, for the queries the benchmark sends: a search of 3+ characters, an admin's token. */
async function listMembers(
  store: Store,
  trigrams: () => Promise<TrigramCounts>,
  request: IncomingMessage,
  groupId: string,
  query: URLSearchParams,
): Promise<unknown> {
  const actor = await store.authenticate(tokenHashOf(request.headers.authorization));
  if (!actor) throw new HttpError(401, 'UnauthorizedError', 'Invalid token');
  const limit = Number(query.get('limit') ?? 10);
  const offset = Number(query.get('offset') ?? 0);
  const term = query.get('search') ?? '';
  const filter = (query.get('filter') ?? undefined) as ListFilter;
  if (!UUID.test(groupId) || !LIST_FILTERS.includes(filter) || [...term].length < 3 || !(limit >= 1 && limit <= 100) || !(offset >= 0)) {
    throw new HttpError(422, 'ValidationFailure', [{ code: 'unsupported', message: 'not a query this server answers', path: [] }]);
  }
  if (actor.role !== 'admin') throw new HttpError(403, 'PermissionDenied', 'You are not allowed to read on groups');
  const group = await store.group(groupId.toLowerCase(), actor.orgId);
  if (!group) throw new HttpError(404, 'NotFound', `Failed to find group with ID ${groupId}`);
  const { window, checks } = searchWindow(term.toLowerCase(), await trigrams());
  const { rows } = await store.list({ filter, groupId: group.id, orgId: actor.orgId, term, window, checks, limit, offset });
  return {
    users: rows.map((row) => ({
      id: row.id,
      email: row.email,
      username: row.username,
      firstName: row.first_name,
      lastName: row.last_name,
      isPartOfGroup: row.joined_at !== null,
      joinedGroupAt: row.joined_at === null ? null : new Date(row.joined_at as string).toISOString(),
    })),
    totalCount: rows.length === 0 ? 0 : Number(rows[0].total),
  };
}

async function handle(store: Store, trigrams: () => Promise<TrigramCounts>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const reqId = requestId();
  const [path, search = ''] = (request.url ?? '/').split('?', 2);
  try {
    if (request.method === 'GET' && path === '/api/status') return send(response, reqId, 200, { status: 'ok', database: 'up' });
    const list = request.method === 'GET' ? LIST_ROUTE.exec(path) : null;
    if (list) return send(response, reqId, 200, await listMembers(store, trigrams, request, list[1], new URLSearchParams(search)));
    const route = MEMBER_ROUTE.exec(path);
    const kind: Change | undefined = request.method === 'DELETE' ? 'remove' : request.method === 'POST' ? 'add' : undefined;
    if (!route || !kind) throw new HttpError(404, 'NotFound', `Route ${request.method}:${path} not found`);
    send(response, reqId, 200, await changeMember(store, kind, request, reqId, route[1], route[2]));
  } catch (error) {
    if (!(error instanceof HttpError)) {
      process.stderr.write(`${reqId} ${(error as Error).stack}\n`);
      return send(response, reqId, 500, { reqId, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' });
    }
    send(response, reqId, error.status, { reqId, statusCode: error.status, message: error.message, error: error.error });
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  const form = process.env.BASELINE_FORM ?? 'stepwise';
  if (!url.startsWith('sqlite:')) {
    const pool = new Pool({ connectionString: url, max: 1 });
    for (const sql of SEARCH_SCHEMA.postgres) await pool.query(sql);
    await pool.end();
  }
  const store = url.startsWith('sqlite:') ? sqliteStore(url.slice('sqlite:'.length)) : postgresStore(url, form === 'combined');
  const trigrams = sampled(store, url.startsWith('sqlite:') ? 'sqlite' : 'postgres');
  const server = createServer((request, response) => void handle(store, trigrams, request, response));
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
