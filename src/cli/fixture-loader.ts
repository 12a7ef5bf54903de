import { randomUUID } from 'node:crypto';
import type { Permission } from '../common/errors/app-error';
import type { Database, Dialect, SqlExecutor } from '../database/database';
import { GROUP_SLUG_MAX_LENGTH, GROUP_SLUG_MIN_LENGTH, GROUP_SLUG_PATTERN, slugFromName } from '../modules/groups/domain/group-slug';
import { BUILT_IN_ROLES, isBuiltInRole, SUBJECT_ACTIONS } from '../modules/identity/permissions';
import { hashToken } from '../modules/identity/token-hash';

/** A refused fixture. The message names the entry and the field: `groups[2].slug: must be …`. */
export class FixtureError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'FixtureError';
  }
}

export interface KindCount {
  inserted: number;
  /** Already in the database: left as it was. */
  existing: number;
}

export interface FixtureSummary {
  organizations: KindCount;
  roles: KindCount;
  users: KindCount;
  memberships: KindCount;
  groups: KindCount;
  groupMembers: KindCount;
  tokens: KindCount;
}

/** How progress lines and summaries name each kind. */
export const KIND_LABELS: Readonly<Record<keyof FixtureSummary, string>> = {
  organizations: 'organizations',
  roles: 'roles',
  users: 'users',
  memberships: 'memberships',
  groups: 'groups',
  groupMembers: 'group members',
  tokens: 'tokens',
};

export interface LoadFixtureOptions {
  /** Receives a progress line now and then on long loads. */
  onProgress?: (line: string) => void;
}

/**
 * Loads a fixture (CONTRACT section 2): the whole file is checked first, then everything missing is
 * inserted in one transaction. Rows already there, matched by their natural key, are left as they are,
 * so loading the same file twice changes nothing.
 */
export async function loadFixture(database: Database, fixture: unknown, options: LoadFixtureOptions = {}): Promise<FixtureSummary> {
  const parsed = parseFixture(fixture);
  return database.transaction(async (tx) => {
    const load = new FixtureLoad(tx, database.dialect, parsed);
    await load.plan();
    await load.write(options.onProgress ?? (() => undefined));
    return load.summary;
  });
}

// ---------------------------------------------------------------------------------------------
// The file's shape: every entry is checked on its own, with the path that names it.

const TOKEN_MIN = 16;
const TOKEN_MAX = 1024;
const SECTIONS = ['organizations', 'roles', 'users', 'memberships', 'groups', 'tokens'] as const;

type Check<T> = (value: unknown, path: string) => T;

const text =
  (min: number, max: number): Check<string> =>
  (value, path) => {
    if (value === undefined) throw new FixtureError(path, 'is required');
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      throw new FixtureError(path, `must be a string of ${min}-${max} characters`);
    }
    return value;
  };

const slug =
  (min: number, max: number): Check<string> =>
  (value, path) => {
    if (value === undefined) throw new FixtureError(path, 'is required');
    // Organization and role slugs take the shape of group slugs.
    if (typeof value !== 'string' || value.length < min || value.length > max || !GROUP_SLUG_PATTERN.test(value)) {
      throw new FixtureError(path, `must be ${min}-${max} characters of a-z, 0-9 and "-" (single dashes, between letters or digits)`);
    }
    return value;
  };

const customRoleSlug: Check<string> = (value, path) => {
  const role = slug(1, 64)(value, path);
  if (isBuiltInRole(role)) throw new FixtureError(path, `"${role}" is a built-in role; a custom role needs another slug`);
  return role;
};

/** As the API takes usernames in paths: no control characters, nothing to trim. */
const username: Check<string> = (value, path) => {
  const name = text(1, 255)(value, path);
  if (name.trim() !== name || /\p{Cc}/u.test(name)) {
    throw new FixtureError(path, 'must have no control characters and no leading or trailing whitespace');
  }
  return name;
};

const email: Check<string> = (value, path) => {
  if (typeof value !== 'string' || value.length > 255 || !/^[^\s@]+@[^\s@]+$/.test(value)) {
    throw new FixtureError(path, 'must be an email address of at most 255 characters');
  }
  return value;
};

const uuid: Check<string> = (value, path) => {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new FixtureError(path, 'must be a UUID');
  }
  return value.toLowerCase();
};

const boolean: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new FixtureError(path, 'must be true or false');
  return value;
};

const timestamp: Check<string> = (value, path) => {
  // With its zone: a local time would mean something else on every machine.
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new FixtureError(path, 'must be an ISO 8601 timestamp with its zone, like 2030-01-31T00:00:00Z');
  }
  return new Date(value).toISOString();
};

const token: Check<string> = (value, path) => {
  // The value is a secret: the message never repeats it.
  if (typeof value !== 'string' || value.length < TOKEN_MIN || value.length > TOKEN_MAX || /\s/.test(value)) {
    throw new FixtureError(path, `must be ${TOKEN_MIN}-${TOKEN_MAX} characters without whitespace`);
  }
  return value;
};

const permission: Check<Permission> = (value, path) => {
  const { subject, action } = entry(value, path, { subject: text(1, 64), action: text(1, 64) });
  const actions = SUBJECT_ACTIONS[subject];
  if (!actions) throw new FixtureError(`${path}.subject`, `unknown subject "${subject}" (known: ${Object.keys(SUBJECT_ACTIONS).join(', ')})`);
  if (!actions.includes(action)) throw new FixtureError(`${path}.action`, `unknown action "${action}" on ${subject} (known: ${actions.join(', ')})`);
  return { subject, action };
};

const list =
  <T>(check: Check<T>): Check<T[]> =>
  (value, path) => {
    if (!Array.isArray(value)) throw new FixtureError(path, 'must be an array');
    return value.map((item, index) => check(item, `${path}[${index}]`));
  };

/** Absent (or null): the fallback. */
const optional =
  <T, F>(check: Check<T>, fallback: F): Check<T | F> =>
  (value, path) =>
    value === undefined || value === null ? fallback : check(value, path);

type Shape = Record<string, Check<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

function entry<S extends Shape>(value: unknown, path: string, shape: S): Parsed<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FixtureError(path, 'must be an object');
  const fields = value as Record<string, unknown>;
  const unknownKey = Object.keys(fields).find((key) => !Object.hasOwn(shape, key));
  if (unknownKey !== undefined) throw new FixtureError(`${path}.${unknownKey}`, `unknown key (expected ${Object.keys(shape).join(', ')})`);
  const parsed: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) parsed[key] = shape[key](fields[key], `${path}.${key}`);
  return parsed as Parsed<S>;
}

const ORGANIZATION = { slug: slug(1, 64), name: text(1, 255) };
const ROLE = { organization: text(1, 64), slug: customRoleSlug, name: text(1, 255), permissions: optional(list(permission), []) };
const USER = { username, email: optional(email, null), firstName: optional(text(1, 255), null), lastName: optional(text(1, 255), null) };
const MEMBERSHIP = { organization: text(1, 64), username, role: optional(text(1, 64), 'member') };
const GROUP = {
  organization: text(1, 64),
  id: optional(uuid, undefined),
  name: text(1, 50),
  slug: optional(slug(GROUP_SLUG_MIN_LENGTH, GROUP_SLUG_MAX_LENGTH), undefined),
  role: optional(text(1, 64), 'no-access'),
  managedExternally: optional(boolean, false),
  members: optional(list(username), []),
};
const TOKEN = {
  organization: text(1, 64),
  username,
  name: text(1, 255),
  token,
  expiresAt: optional(timestamp, null),
  revokedAt: optional(timestamp, null),
};

type At<T> = T & { readonly at: string };
type GroupEntry = At<Omit<Parsed<typeof GROUP>, 'slug'> & { slug: string }>;

interface Fixture {
  organizations: At<Parsed<typeof ORGANIZATION>>[];
  roles: At<Parsed<typeof ROLE>>[];
  users: At<Parsed<typeof USER>>[];
  memberships: At<Parsed<typeof MEMBERSHIP>>[];
  groups: GroupEntry[];
  tokens: At<Parsed<typeof TOKEN>>[];
}

function parseFixture(value: unknown): Fixture {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FixtureError('fixture', 'must be a JSON object');
  const file = value as Record<string, unknown>;
  const unknownKey = Object.keys(file).find((key) => !(SECTIONS as readonly string[]).includes(key));
  if (unknownKey !== undefined) throw new FixtureError(unknownKey, `unknown key (expected ${SECTIONS.join(', ')})`);
  const section = <S extends Shape>(name: (typeof SECTIONS)[number], shape: S): At<Parsed<S>>[] => {
    const entries = file[name];
    if (entries === undefined) return [];
    if (!Array.isArray(entries)) throw new FixtureError(name, 'must be an array');
    return entries.map((item, index) => {
      const at = `${name}[${index}]`;
      return Object.assign(entry(item, at, shape), { at });
    });
  };
  const fixture: Fixture = {
    organizations: section('organizations', ORGANIZATION),
    roles: section('roles', ROLE),
    users: section('users', USER),
    memberships: section('memberships', MEMBERSHIP),
    // A slug derived from the name must not vary between loads: a short name gets `-group`, not a random suffix.
    groups: section('groups', GROUP).map((group) => ({ ...group, slug: group.slug ?? slugFromName(group.name, () => 'group') })),
    tokens: section('tokens', TOKEN),
  };
  const again = (entry: { at: string }, field: string, value: string, first: { at: string }, note = '') =>
    new FixtureError(`${entry.at}.${field}`, `${value} is already given at ${first.at}${note}`);
  const anyCase = ' (usernames are unique whatever their case)';
  const { organizations, roles, users, memberships, groups, tokens } = fixture;
  refuseDuplicates(organizations, (o) => o.slug, (o, i) => again(o, 'slug', `"${o.slug}"`, organizations[i]));
  refuseDuplicates(roles, (r) => `${r.organization} ${r.slug}`, (r, i) => again(r, 'slug', `"${r.slug}"`, roles[i], ' in the same organization'));
  refuseDuplicates(users, (u) => u.username.toLowerCase(), (u, i) => again(u, 'username', `"${u.username}"`, users[i], anyCase));
  refuseDuplicates(
    memberships,
    (m) => `${m.organization} ${m.username.toLowerCase()}`,
    (m, i) => again(m, 'username', `"${m.username}"`, memberships[i], ' in the same organization'),
  );
  refuseDuplicates(groups, (g) => `${g.organization} ${g.slug}`, (g, i) => again(g, 'slug', `"${g.slug}"`, groups[i], ' in the same organization'));
  const withIds = groups.filter((g) => g.id !== undefined);
  refuseDuplicates(withIds, (g) => g.id as string, (g, i) => again(g, 'id', `"${g.id}"`, withIds[i]));
  refuseDuplicates(
    tokens,
    (t) => `${t.organization} ${t.username.toLowerCase()} ${t.name}`,
    (t, i) => again(t, 'name', `"${t.name}"`, tokens[i], ' for the same user and organization'),
  );
  // Compared by hash, and named without the value: it is a secret.
  refuseDuplicates(tokens, (t) => hashToken(t.token), (t, i) => again(t, 'token', 'the same value', tokens[i]));
  for (const group of groups) {
    refuseDuplicates(
      group.members,
      (member) => member.toLowerCase(),
      (member, i, j) => again(group, `members[${j}]`, `"${member}"`, { at: `${group.at}.members[${i}]` }, anyCase),
    );
  }
  return fixture;
}

/** Throws `refusal(entry, indexOfFirst, index)` for the first entry whose key an earlier entry already has. */
function refuseDuplicates<T>(entries: readonly T[], keyOf: (entry: T) => string, refusal: (entry: T, indexOfFirst: number, index: number) => FixtureError): void {
  const first = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = keyOf(entry);
    const seen = first.get(key);
    if (seen !== undefined) throw refusal(entry, seen, index);
    first.set(key, index);
  });
}

// ---------------------------------------------------------------------------------------------
// Against the database: references resolved, existing rows found in bulk, the missing ones planned.

/** Rows per multi-row statement: 500 rows of at most 8 columns stay far below both databases' parameter limits. */
const ROWS_PER_STATEMENT = 500;
const PROGRESS_EVERY = 20_000;

interface Insert {
  kind: keyof FixtureSummary;
  table: string;
  columns: readonly string[];
  rows: unknown[][];
}

const count = (): KindCount => ({ inserted: 0, existing: 0 });

class FixtureLoad {
  readonly summary: FixtureSummary = {
    organizations: count(),
    roles: count(),
    users: count(),
    memberships: count(),
    groups: count(),
    groupMembers: count(),
    tokens: count(),
  };
  private readonly now = new Date().toISOString();
  private readonly inserts: Insert[] = [];
  /** slug → id */
  private readonly orgIds = new Map<string, string>();
  /** Ids of the organizations that were already in the database. */
  private readonly storedOrgIds = new Set<string>();
  /** lower(username) → id */
  private readonly userIds = new Map<string, string>();
  private readonly storedUserIds = new Set<string>();
  /** `orgId slug` of the custom roles */
  private readonly customRoles = new Set<string>();
  /** orgId → ids of its members */
  private readonly members = new Map<string, Set<string>>();

  constructor(
    private readonly tx: SqlExecutor,
    private readonly dialect: Dialect,
    private readonly fixture: Fixture,
  ) {}

  async plan(): Promise<void> {
    await this.planOrganizations();
    await this.planRoles();
    await this.planUsers();
    await this.planMemberships();
    await this.planGroups();
    await this.planTokens();
  }

  async write(progress: (line: string) => void): Promise<void> {
    for (const { table, columns, rows, kind } of this.inserts) {
      const statements = new Map<number, string>();
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        let sql = statements.get(chunk.length);
        if (sql === undefined) {
          const values = chunk.map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
          sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`;
          statements.set(chunk.length, sql);
        }
        await this.tx.execute(sql, chunk.flat());
        const done = start + chunk.length;
        if (rows.length >= PROGRESS_EVERY && (Math.floor(done / PROGRESS_EVERY) > Math.floor(start / PROGRESS_EVERY) || done === rows.length)) {
          progress(`${KIND_LABELS[kind]}: ${done} of ${rows.length} inserted`);
        }
      }
      this.summary[kind].inserted += rows.length;
      // PostgreSQL keeps the plans it made for the tables when they were small (this session's prepared
      // statements included) until their statistics change: fresh statistics make the next lookups use the indexes.
      if (this.dialect === 'postgres' && rows.length >= PROGRESS_EVERY) await this.tx.execute(`ANALYZE ${table}`);
    }
  }

  private plannedInsert(kind: keyof FixtureSummary, table: string, columns: readonly string[]): unknown[][] {
    const rows: unknown[][] = [];
    this.inserts.push({ kind, table, columns, rows });
    return rows;
  }

  private async planOrganizations(): Promise<void> {
    const { organizations, roles, memberships, groups, tokens } = this.fixture;
    const slugs = new Set([...organizations.map((o) => o.slug), ...[...roles, ...memberships, ...groups, ...tokens].map((e) => e.organization)]);
    for (const row of await selectIn<{ id: string; slug: string }>(this.tx, (list) => `SELECT id, slug FROM organizations WHERE slug IN (${list})`, [], [...slugs])) {
      this.orgIds.set(row.slug, row.id);
      this.storedOrgIds.add(row.id);
    }
    const rows = this.plannedInsert('organizations', 'organizations', ['id', 'slug', 'name', 'created_at']);
    for (const organization of organizations) {
      if (this.orgIds.has(organization.slug)) {
        this.summary.organizations.existing++;
        continue;
      }
      const id = randomUUID();
      this.orgIds.set(organization.slug, id);
      rows.push([id, organization.slug, organization.name, this.now]);
    }
  }

  private async planRoles(): Promise<void> {
    for (const row of await selectIn<{ org_id: string; slug: string }>(this.tx, (list) => `SELECT org_id, slug FROM roles WHERE org_id IN (${list})`, [], [...this.storedOrgIds])) {
      this.customRoles.add(`${row.org_id} ${row.slug}`);
    }
    const rows = this.plannedInsert('roles', 'roles', ['id', 'org_id', 'slug', 'name', 'permissions', 'created_at']);
    for (const role of this.fixture.roles) {
      const orgId = this.orgId(role.organization, role.at, 'organization');
      const key = `${orgId} ${role.slug}`;
      if (this.customRoles.has(key)) {
        this.summary.roles.existing++;
        continue;
      }
      this.customRoles.add(key);
      rows.push([randomUUID(), orgId, role.slug, role.name, JSON.stringify(role.permissions), this.now]);
    }
  }

  private async planUsers(): Promise<void> {
    const { users, memberships, groups, tokens } = this.fixture;
    const names = new Set<string>();
    for (const entries of [users, memberships, tokens]) for (const { username } of entries) names.add(username.toLowerCase());
    for (const group of groups) for (const member of group.members) names.add(member.toLowerCase());
    const stored = await selectIn<{ id: string; name: string }>(this.tx, (list) => `SELECT id, lower(username) AS name FROM users WHERE lower(username) IN (${list})`, [], [...names]);
    for (const row of stored) {
      this.userIds.set(row.name, row.id);
      this.storedUserIds.add(row.id);
    }
    const rows = this.plannedInsert('users', 'users', ['id', 'username', 'email', 'first_name', 'last_name', 'created_at']);
    const fresh = users.filter((user) => !this.userIds.has(user.username.toLowerCase()));
    this.summary.users.existing += users.length - fresh.length;
    const ids = ascendingIds(fresh.length);
    fresh.forEach((user, index) => {
      this.userIds.set(user.username.toLowerCase(), ids[index]);
      rows.push([ids[index], user.username, user.email, user.firstName, user.lastName, this.now]);
    });
  }

  private async planMemberships(): Promise<void> {
    const stored = await selectIn<{ org_id: string; user_id: string }>(this.tx, (list) => `SELECT org_id, user_id FROM org_memberships WHERE user_id IN (${list})`, [], [...this.storedUserIds]);
    for (const row of stored) this.membersOf(row.org_id).add(row.user_id);
    const rows = this.plannedInsert('memberships', 'org_memberships', ['id', 'org_id', 'user_id', 'role', 'created_at']);
    for (const membership of this.fixture.memberships) {
      const orgId = this.orgId(membership.organization, membership.at, 'organization');
      const userId = this.userId(membership.username, membership.at, 'username');
      this.assertRole(orgId, membership.organization, membership.role, membership.at);
      const members = this.membersOf(orgId);
      if (members.has(userId)) {
        this.summary.memberships.existing++;
        continue;
      }
      members.add(userId);
      rows.push([undefined, orgId, userId, membership.role, this.now]);
    }
    assignIds(rows);
  }

  private async planGroups(): Promise<void> {
    const { groups } = this.fixture;
    const stored = [
      ...(await selectIn<StoredGroup>(this.tx, (list) => `SELECT id, org_id, slug FROM groups WHERE org_id IN (${list})`, [], [...this.storedOrgIds])),
      ...(await selectIn<StoredGroup>(this.tx, (list) => `SELECT id, org_id, slug FROM groups WHERE id IN (${list})`, [], groups.flatMap((g) => g.id ?? []))),
    ];
    const byId = new Map(stored.map((group) => [group.id, group]));
    const bySlug = new Map(stored.map((group) => [`${group.org_id} ${group.slug}`, group]));
    const groupRows = this.plannedInsert('groups', 'groups', ['id', 'org_id', 'name', 'slug', 'role', 'managed_externally', 'created_at', 'updated_at']);
    const memberRows = this.plannedInsert('groupMembers', 'group_memberships', ['id', 'group_id', 'user_id', 'created_at']);
    /** group id → the entry that names it: an id and a slug may name the same stored group. */
    const entryOf = new Map<string, string>();
    for (const group of groups) {
      const orgId = this.orgId(group.organization, group.at, 'organization');
      this.assertRole(orgId, group.organization, group.role, group.at);
      const memberIds = group.members.map((member, index) => {
        const userId = this.userId(member, group.at, `members[${index}]`);
        this.assertMember(orgId, userId, group.organization, member, group.at, `members[${index}]`);
        return userId;
      });

      const match = group.id === undefined ? bySlug.get(`${orgId} ${group.slug}`) : byId.get(group.id);
      if (match && match.org_id !== orgId) throw new FixtureError(`${group.at}.id`, `a group with this id belongs to another organization`);
      const slugTaken = bySlug.get(`${orgId} ${group.slug}`);
      if (!match && slugTaken) throw new FixtureError(`${group.at}.slug`, `organization "${group.organization}" already has a group "${group.slug}" with another id`);

      if (match && entryOf.has(match.id)) throw new FixtureError(`${group.at}.slug`, `names the same group as ${entryOf.get(match.id)}`);
      let groupId: string;
      let newMemberIds = memberIds;
      if (match) {
        this.summary.groups.existing++;
        groupId = match.id;
        const storedMembers = await selectIn<{ user_id: string }>(
          this.tx,
          (list) => `SELECT user_id FROM group_memberships WHERE group_id = $1 AND user_id IN (${list})`,
          [groupId],
          memberIds.filter((id) => this.storedUserIds.has(id)),
        );
        const present = new Set(storedMembers.map((row) => row.user_id));
        newMemberIds = memberIds.filter((id) => !present.has(id));
        this.summary.groupMembers.existing += present.size;
      } else {
        groupId = group.id ?? randomUUID();
        groupRows.push([groupId, orgId, group.name, group.slug, group.role, group.managedExternally, this.now, this.now]);
      }
      entryOf.set(groupId, group.at);
      for (const userId of newMemberIds) memberRows.push([undefined, groupId, userId, this.now]);
    }
    assignIds(memberRows);
  }

  private async planTokens(): Promise<void> {
    const { tokens } = this.fixture;
    const hashes = tokens.map((t) => hashToken(t.token));
    const byHash = new Map(
      (await selectIn<StoredToken>(this.tx, (list) => `SELECT org_id, user_id, name, token_hash FROM access_tokens WHERE token_hash IN (${list})`, [], hashes)).map((row) => [row.token_hash, row]),
    );
    const tokenUserIds = [...new Set(tokens.flatMap((t) => this.userIds.get(t.username.toLowerCase()) ?? []))].filter((id) => this.storedUserIds.has(id));
    const names = new Set(
      (await selectIn<StoredToken>(this.tx, (list) => `SELECT org_id, user_id, name, token_hash FROM access_tokens WHERE user_id IN (${list})`, [], tokenUserIds)).map(
        (row) => `${row.org_id} ${row.user_id} ${row.name}`,
      ),
    );
    const rows = this.plannedInsert('tokens', 'access_tokens', ['id', 'org_id', 'user_id', 'name', 'token_hash', 'created_at', 'expires_at', 'revoked_at']);
    tokens.forEach((token, index) => {
      const orgId = this.orgId(token.organization, token.at, 'organization');
      const userId = this.userId(token.username, token.at, 'username');
      this.assertMember(orgId, userId, token.organization, token.username, token.at, 'username');
      const stored = byHash.get(hashes[index]);
      if (stored && (stored.org_id !== orgId || stored.user_id !== userId)) throw new FixtureError(`${token.at}.token`, 'this value is already the token of another user or organization');
      if (stored) {
        this.summary.tokens.existing++;
        return;
      }
      if (names.has(`${orgId} ${userId} ${token.name}`)) {
        throw new FixtureError(`${token.at}.name`, `user "${token.username}" already has another token named "${token.name}" in organization "${token.organization}"`);
      }
      rows.push([randomUUID(), orgId, userId, token.name, hashes[index], this.now, token.expiresAt, token.revokedAt]);
    });
  }

  // Paths are built only on failure: a large fixture makes these calls hundreds of thousands of times.

  private orgId(slugValue: string, at: string, field: string): string {
    const id = this.orgIds.get(slugValue);
    if (id === undefined) throw new FixtureError(`${at}.${field}`, `unknown organization "${slugValue}"`);
    return id;
  }

  private userId(name: string, at: string, field: string): string {
    const id = this.userIds.get(name.toLowerCase());
    if (id === undefined) throw new FixtureError(`${at}.${field}`, `unknown user "${name}"`);
    return id;
  }

  private assertMember(orgId: string, userId: string, orgSlug: string, name: string, at: string, field: string): void {
    if (!this.members.get(orgId)?.has(userId)) throw new FixtureError(`${at}.${field}`, `user "${name}" is not a member of organization "${orgSlug}"`);
  }

  private membersOf(orgId: string): Set<string> {
    let members = this.members.get(orgId);
    if (!members) this.members.set(orgId, (members = new Set()));
    return members;
  }

  private assertRole(orgId: string, orgSlug: string, role: string, at: string): void {
    if (isBuiltInRole(role) || this.customRoles.has(`${orgId} ${role}`)) return;
    throw new FixtureError(`${at}.role`, `unknown role "${role}" in organization "${orgSlug}" (built-in: ${BUILT_IN_ROLES.join(', ')})`);
  }
}

/**
 * Ids for the rows of the large tables, in ascending order. Given out in file order, they make users,
 * memberships and group members reach their indexes near the right edge instead of at random pages:
 * a large load costs PostgreSQL about a third less.
 */
function ascendingIds(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID()).sort((a, b) => (a < b ? -1 : 1));
}

/** Sets the id (first column) of every row, in ascending order. */
function assignIds(rows: unknown[][]): void {
  const ids = ascendingIds(rows.length);
  rows.forEach((row, index) => (row[0] = ids[index]));
}

interface StoredGroup {
  id: string;
  org_id: string;
  slug: string;
}

interface StoredToken {
  org_id: string;
  user_id: string;
  name: string;
  token_hash: string;
}

/** Runs `sql` over `values` in chunks: `sql(list)` gets the placeholders for one chunk, after `fixed`. */
async function selectIn<T>(tx: SqlExecutor, sql: (list: string) => string, fixed: readonly unknown[], values: readonly unknown[]): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += ROWS_PER_STATEMENT) {
    const chunk = values.slice(start, start + ROWS_PER_STATEMENT);
    const list = chunk.map((_, index) => `$${fixed.length + index + 1}`).join(', ');
    rows.push(...(await tx.query<T>(sql(list), [...fixed, ...chunk])));
  }
  return rows;
}
