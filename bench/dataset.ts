import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app-config';
import type { Database } from '../src/database/database';
import { databaseOf } from '../src/database/database-of';
import { dataSourceOptions } from '../src/database/data-source-options';
import { hashToken } from '../src/modules/identity/token-hash';
import type { DatabaseTarget } from './config';

/** Rows per multi-row INSERT: well under both databases' limit of bound parameters. */
const CHUNK_ROWS = 1000;
/** SQLite page cache of the loading connection. */
const LOAD_CACHE_KIB = 2 * 1024 * 1024;

export interface DatasetSize {
  readonly members: number;
  readonly listMembers: number;
  readonly cyclePool: number;
  /** Groups of the SCIM PATCH cycle: one per connection, so that the run measures a PATCH, not the queue of one group. */
  readonly scimGroups: number;
  readonly scaleSizes: readonly number[];
  readonly groups: number;
  /** Organization sizes of the list runs (the largest may be the benchmark's organization itself). */
  readonly listOrgSizes: readonly number[];
}

/** An organization of the list runs at growing size: its first `users` users, a group of its first `members`, an admin's token. */
export interface ListOrganization {
  readonly users: number;
  readonly members: number;
  readonly group: string;
  readonly token: string;
}

export interface BenchGroups {
  /** Emptied by the remove scenario (and refilled after each run). */
  readonly remove: string;
  /** Holds the users of the remove+add cycle. */
  readonly cycle: string;
  /** Searched by the list scenario, read by the read scenarios. */
  readonly list: string;
  /** Managed by the identity provider, for the SCIM PATCH cycle: each holds the same users as `cycle`. */
  readonly scim: readonly string[];
  /** One group per scale size, holding the first `size` users. */
  readonly scale: ReadonlyMap<number, string>;
}

/**
 * A fresh database that the benchmark owns: migrated, loaded in bulk, dropped at the end. User `i`
 * is `usernameOf(i)`; the first N users are the members of a group of N.
 */
export class Dataset {
  private constructor(
    readonly url: string,
    readonly dialect: 'sqlite' | 'postgres',
    readonly database: Database,
    readonly token: string,
    /** The identity provider's SCIM token. */
    readonly scimToken: string,
    readonly groups: BenchGroups,
    /** By size, as `DatasetSize.listOrgSizes` lists them. */
    readonly listOrganizations: readonly ListOrganization[],
    private readonly userIds: readonly string[],
    private readonly dataSource: DataSource,
    private readonly drop: () => Promise<void>,
  ) {}

  static async create(target: DatabaseTarget, size: DatasetSize, progress: (line: string) => void): Promise<Dataset> {
    const { url, drop } = target.kind === 'sqlite' ? freshSqliteFile() : await freshPostgresDatabase(target.url);
    const config = parseDatabaseUrl(url);
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    await dataSource.runMigrations();
    const database = await databaseOf(dataSource, config);
    progress('schema migrated');
    const loaded = await bulkLoad(database, () => load(database, size, progress));
    const dataset = new Dataset(
      url,
      database.dialect,
      database,
      loaded.token,
      loaded.scimToken,
      loaded.groups,
      loaded.listOrganizations,
      loaded.userIds,
      dataSource,
      drop,
    );
    await dataset.settle(target);
    return dataset;
  }

  static usernameOf(index: number): string {
    return `member-${String(index).padStart(7, '0')}`;
  }

  userIdOf(index: number): string {
    return this.userIds[index];
  }

  /** Makes users `indexes` members of the group again, whatever a run left behind. */
  async restoreMembers(groupId: string, indexes: readonly number[]): Promise<void> {
    const now = new Date().toISOString();
    await insertRows(
      this.database,
      'group_memberships (id, group_id, user_id, created_at)',
      indexes.length,
      (i) => [randomUUID(), groupId, this.userIds[indexes[i]], now],
      'ON CONFLICT (group_id, user_id) DO NOTHING',
    );
  }

  async version(): Promise<string> {
    if (this.dialect === 'sqlite') return `SQLite ${(await this.database.query<{ v: string }>('SELECT sqlite_version() AS v'))[0].v}`;
    return `PostgreSQL ${(await this.database.query<{ server_version: string }>('SHOW server_version'))[0].server_version}`;
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
    await this.drop();
  }

  /**
   * On SQLite, an empty write-ahead log: every run starts from the same state of the log, whatever
   * the runs before it wrote (the servers are idle, so the checkpoint waits for no reader).
   */
  async emptyLog(): Promise<void> {
    if (this.dialect === 'sqlite') await this.database.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** Statistics for the planner and a clean write-ahead log, as a database in service would have. */
  private async settle(target: DatabaseTarget): Promise<void> {
    if (target.kind === 'sqlite') return this.emptyLog();
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
  }
}

export function freshSqliteFile(): { url: string; drop: () => Promise<void> } {
  const directory = mkdtempSync(join(tmpdir(), 'groups-bench-'));
  return { url: `sqlite:${join(directory, 'bench.sqlite')}`, drop: async () => rmSync(directory, { recursive: true, force: true }) };
}

/** Creates the database named by the URL, dropping a leftover one first; refuses names without "bench". */
export async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes('bench'))
    throw new Error(`BENCH_DATABASE_URL must name a database whose name contains "bench" (it is dropped and created), got "${name}"`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const onServer = async (sql: string) => {
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const quoted = `"${name.replace(/"/g, '""')}"`;
  await onServer(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${quoted}`);
  return { url, drop: () => onServer(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`) };
}

/**
 * Runs the load with the foreign-key checks off (the generated rows are consistent by construction;
 * checking them one by one doubles the time) and, on SQLite, a page cache that holds the indexes.
 */
async function bulkLoad<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres') return work();
  const [{ cache_size: cacheSize }] = await database.query<{ cache_size: number }>('PRAGMA cache_size');
  await database.query(`PRAGMA cache_size = -${LOAD_CACHE_KIB}`);
  await database.query('PRAGMA foreign_keys = OFF');
  try {
    return await work();
  } finally {
    await database.query('PRAGMA foreign_keys = ON');
    await database.query(`PRAGMA cache_size = ${cacheSize}`);
    await database.query('PRAGMA shrink_memory');
  }
}

async function load(database: Database, size: DatasetSize, progress: (line: string) => void) {
  const now = new Date().toISOString();
  const orgId = randomUUID();
  const adminId = randomUUID();
  const token = 'bench_' + randomBytes(24).toString('base64url');
  const scimToken = 'bench_scim_' + randomBytes(24).toString('base64url');
  const userCount = Math.max(size.members, size.listMembers, size.cyclePool, ...size.scaleSizes, ...size.listOrgSizes);
  const userIds = sortedUuids(userCount);

  await database.execute('INSERT INTO organizations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [orgId, 'bench', 'Benchmark', now]);
  await database.execute('INSERT INTO users (id, username, email, first_name, last_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    adminId,
    'bench-admin',
    null,
    'Bench',
    'Admin',
    now,
  ]);
  await database.execute('INSERT INTO org_memberships (id, org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)', [
    randomUUID(),
    orgId,
    adminId,
    'admin',
    now,
  ]);
  await database.execute('INSERT INTO access_tokens (id, org_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    orgId,
    adminId,
    'bench',
    hashToken(token),
    now,
  ]);
  await database.execute('INSERT INTO scim_tokens (id, org_id, token_hash, description, ttl_days, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    orgId,
    hashToken(scimToken),
    'bench',
    0,
    now,
  ]);

  const timed = async (what: string, rows: number, work: () => Promise<void>) => {
    const started = Date.now();
    await work();
    progress(`${what}: ${rows.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await timed('users', userCount, () =>
    insertRows(database, 'users (id, username, email, first_name, last_name, created_at)', userCount, (i) => {
      const username = Dataset.usernameOf(i);
      return [userIds[i], username, `${username}@bench.test`, 'Bench', `Member ${i}`, now];
    }),
  );
  await timed('org memberships', userCount, () => {
    const ids = sortedUuids(userCount);
    return insertRows(database, 'org_memberships (id, org_id, user_id, role, created_at)', userCount, (i) => [ids[i], orgId, userIds[i], 'member', now]);
  });

  const named: [slug: string, members: number][] = [
    ['bench-remove', size.members],
    ['bench-cycle', size.cyclePool],
    ['bench-list', size.listMembers],
    ...Array.from({ length: size.scimGroups }, (_, n): [string, number] => [`bench-scim-${String(n).padStart(3, '0')}`, size.cyclePool]),
    ...size.scaleSizes.map((members): [string, number] => [`bench-scale-${members}`, members]),
  ];
  const groupIds = named.map(() => randomUUID());
  const groupCount = Math.max(size.groups, named.length);
  await timed('groups', groupCount, () =>
    insertRows(database, 'groups (id, org_id, name, slug, role, managed_externally, created_at, updated_at)', groupCount, (i) => {
      const slug = i < named.length ? named[i][0] : `bench-filler-${String(i).padStart(5, '0')}`;
      return [i < named.length ? groupIds[i] : randomUUID(), orgId, slug, slug, 'no-access', slug.startsWith('bench-scim-'), now, now];
    }),
  );
  for (const [index, [slug, members]] of named.entries()) {
    await timed(`members of ${slug}`, members, () => {
      const ids = sortedUuids(members);
      return insertRows(database, 'group_memberships (id, group_id, user_id, created_at)', members, (i) => [ids[i], groupIds[index], userIds[i], now]);
    });
  }
  const scim = groupIds.slice(3, 3 + size.scimGroups);
  const scale = new Map(size.scaleSizes.map((members, i) => [members, groupIds[3 + size.scimGroups + i]]));

  // Smaller organizations share the first users of the benchmark's: the users table, and so the
  // search indexes, stay those of the largest organization, as for any tenant of a shared database.
  const listOrganizations: ListOrganization[] = [];
  for (const users of size.listOrgSizes) {
    const members = Math.min(users, size.listMembers);
    if (users === userCount) {
      listOrganizations.push({ users, members: size.listMembers, group: groupIds[2], token });
      continue;
    }
    const organization = { id: randomUUID(), group: randomUUID(), token: 'bench_' + randomBytes(24).toString('base64url') };
    await database.execute('INSERT INTO organizations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [
      organization.id,
      `bench-${users}`,
      `Benchmark of ${users}`,
      now,
    ]);
    await database.execute('INSERT INTO org_memberships (id, org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      organization.id,
      adminId,
      'admin',
      now,
    ]);
    await database.execute('INSERT INTO access_tokens (id, org_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      randomUUID(),
      organization.id,
      adminId,
      'bench',
      hashToken(organization.token),
      now,
    ]);
    await timed(`org memberships of an organization of ${users}`, users, () =>
      insertRows(database, 'org_memberships (id, org_id, user_id, role, created_at)', users, (i) => [randomUUID(), organization.id, userIds[i], 'member', now]),
    );
    const slug = `bench-list-${users}`;
    await database.execute(
      'INSERT INTO groups (id, org_id, name, slug, role, managed_externally, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [organization.group, organization.id, slug, slug, 'no-access', false, now, now],
    );
    await timed(`members of ${slug}`, members, () =>
      insertRows(database, 'group_memberships (id, group_id, user_id, created_at)', members, (i) => [randomUUID(), organization.group, userIds[i], now]),
    );
    listOrganizations.push({ users, members, group: organization.group, token: organization.token });
  }
  return { token, scimToken, userIds, listOrganizations, groups: { remove: groupIds[0], cycle: groupIds[1], list: groupIds[2], scim, scale } };
}

/**
 * Random UUIDs, in index order: a bulk load that follows its indexes writes each page once instead of
 * thrashing the cache (4× faster on a million rows). Lookups by key stay as random as in service.
 */
function sortedUuids(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID()).sort();
}

/** Multi-row INSERTs of `count` rows built by `rowAt`, in one transaction. */
async function insertRows(database: Database, target: string, count: number, rowAt: (index: number) => unknown[], suffix = ''): Promise<void> {
  await database.transaction(async (tx) => {
    if (database.dialect === 'postgres') await tx.execute('SET LOCAL session_replication_role = replica');
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      const rows = Array.from({ length: Math.min(CHUNK_ROWS, count - start) }, (_, i) => rowAt(start + i));
      const width = rows[0].length;
      const tuples = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
      await tx.execute(`INSERT INTO ${target} VALUES ${tuples.join(', ')} ${suffix}`, rows.flat());
    }
  });
}
