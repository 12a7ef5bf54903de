import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app-config';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source-options';
import { createPostgresDatabase, DATABASE_KINDS } from './helpers/test-app';

/**
 * The entities and the migrations describe one schema: on a database that the migrations built,
 * TypeORM's schema builder finds nothing to change to reach the entities.
 */
describe.each(DATABASE_KINDS)('the schema that the migrations build, on %s', (kind) => {
  let dataSource: DataSource;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url = 'sqlite::memory:';
    if (kind === 'postgres') ({ url, drop } = await createPostgresDatabase());
    dataSource = await new DataSource(dataSourceOptions(parseDatabaseUrl(url))).initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  it('is the schema of the entities: the schema builder has no change to make', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has an entity for every table, so that a table no entity declares cannot go unnoticed', async () => {
    const sql =
      kind === 'postgres'
        ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
    const tables: string[] = (await dataSource.query(sql)).map(({ name }: { name: string }) => name);
    // TypeORM's record of the migrations run, and SQLite's FTS5 search table with its shadow tables, which TypeORM cannot model.
    const declarable = tables.filter((name) => name !== 'migrations' && !name.startsWith('users_search'));
    expect(declarable.sort()).toEqual(dataSource.entityMetadatas.map((entity) => entity.tableName).sort());
  });
});

describe('the rebuild of the SQLite tables', () => {
  let folder: string;
  let dataSource: DataSource;
  const ORG = '00000000-0000-4000-8000-000000000001';
  const USER = '00000000-0000-4000-8000-000000000002';
  const GROUP = '00000000-0000-4000-8000-000000000003';
  const NOW = '2026-01-01T00:00:00.000Z';

  /** The DataSource of a file database, with the migrations up to `count`. */
  function openWith(path: string, count: number): Promise<DataSource> {
    return new DataSource({ ...dataSourceOptions(parseDatabaseUrl(`sqlite:${path}`)), migrations: MIGRATIONS.slice(0, count) }).initialize();
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'groups-schema-'));
    const path = join(folder, 'groups.sqlite');
    const before = await openWith(path, MIGRATIONS.length - 1);
    await before.runMigrations();
    await before.query('INSERT INTO organizations (id, slug, name, created_at) VALUES (?, ?, ?, ?)', [ORG, 'acme', 'Acme', NOW]);
    await before.query('INSERT INTO users (id, username, email, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      USER,
      'Ada.Lovelace',
      'ada@example.com',
      'Ada',
      'Lovelace',
      NOW,
    ]);
    await before.query('INSERT INTO groups (id, org_id, name, slug, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      GROUP,
      ORG,
      'Engineers',
      'engineers',
      'member',
      NOW,
      NOW,
    ]);
    await before.query('INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES (?, ?, ?, ?)', [randomUUID(), GROUP, USER, NOW]);
    await before.destroy();
    dataSource = await openWith(path, MIGRATIONS.length);
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps every row, and the memberships still refer to them', async () => {
    const rows = await dataSource.query(
      'SELECT u.username, g.slug FROM group_memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id',
    );
    expect(rows).toEqual([{ username: 'Ada.Lovelace', slug: 'engineers' }]);
    await dataSource.query('DELETE FROM organizations');
    expect(await dataSource.query('SELECT count(*) AS n FROM group_memberships')).toEqual([{ n: 0 }]);
  });

  it('keeps the users search index and its triggers, and usernames unique whatever their case', async () => {
    const search = (term: string) =>
      dataSource.query('SELECT u.username FROM users_search s JOIN users u ON u.rowid = s.rowid WHERE users_search MATCH ?', [term]);
    expect(await search('"love"')).toEqual([{ username: 'Ada.Lovelace' }]);
    await dataSource.query('INSERT INTO users (id, username, created_at) VALUES (?, ?, ?)', [randomUUID(), 'grace.hopper', NOW]);
    expect(await search('"hopper"')).toEqual([{ username: 'grace.hopper' }]);
    await expect(dataSource.query('INSERT INTO users (id, username, created_at) VALUES (?, ?, ?)', [randomUUID(), 'ADA.LOVELACE', NOW])).rejects.toThrow(
      /UNIQUE/,
    );
  });

  it('refuses a row without a primary key', async () => {
    await expect(dataSource.query('INSERT INTO organizations (id, slug, name, created_at) VALUES (NULL, ?, ?, ?)', ['x', 'X', NOW])).rejects.toThrow(
      /NOT NULL/,
    );
  });
});
