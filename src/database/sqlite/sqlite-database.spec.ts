import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseUnavailableError, isUniqueViolation } from '../database';
import { SqliteDatabase } from './sqlite-database';

const SCHEMA = 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, flag INTEGER, at TEXT, data TEXT)';

function inMemory(): SqliteDatabase {
  const connection = new BetterSqlite3(':memory:');
  connection.exec(SCHEMA);
  return SqliteDatabase.serving(connection);
}

const names = async (database: SqliteDatabase) => (await database.query<{ name: string }>('SELECT name FROM items ORDER BY id')).map((row) => row.name);

describe('SqliteDatabase', () => {
  let database: SqliteDatabase;
  beforeEach(() => (database = inMemory()));
  afterEach(() => database.onApplicationShutdown());

  it('gives the planner statistics of the tables it serves, which SQLite has none of until analyzed', async () => {
    const connection = new BetterSqlite3(':memory:');
    connection.exec(SCHEMA);
    connection.prepare('INSERT INTO items (name) SELECT printf($format, value) FROM json_each($list)').run({
      format: 'item-%d',
      list: JSON.stringify(Array.from({ length: 500 }, (_, i) => i)),
    });
    expect(connection.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
    const served = SqliteDatabase.serving(connection);
    try {
      expect(await served.query("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'items' LIMIT 1")).toEqual([{ tbl: 'items' }]);
    } finally {
      await served.onApplicationShutdown();
    }
  });

  it('runs statements with $n placeholders in any order and stores dates, booleans and objects as SQLite does', async () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(await database.execute('INSERT INTO items (name, flag, at, data, id) VALUES ($2, $3, $4, $5, $1)', [7, 'a', true, at, { k: 1 }])).toBe(1);
    expect(await database.query('SELECT id, name, flag, at, data FROM items WHERE name = $1', ['a'])).toEqual([
      { id: 7, name: 'a', flag: 1, at: '2026-01-02T03:04:05.000Z', data: '{"k":1}' },
    ]);
  });

  it('writes every step, or nothing when a step that must change a row changes none', async () => {
    expect(
      await database.write([
        { sql: "INSERT INTO items (name) VALUES ('a')", params: [] },
        { sql: "INSERT INTO items (name) VALUES ('b')", params: [] },
      ]),
    ).toBe(true);
    const undone = await database.write([
      { sql: "INSERT INTO items (name) VALUES ('c')", params: [] },
      { sql: 'DELETE FROM items WHERE name = $1', params: ['missing'], mustChange: true },
    ]);
    expect(undone).toBe(false);
    expect(await names(database)).toEqual(['a', 'b']);
  });

  it("rejects a failing write with the driver's code and keeps none of it", async () => {
    await database.execute("INSERT INTO items (name) VALUES ('a')");
    const failed = database.write([
      { sql: "INSERT INTO items (name) VALUES ('b')", params: [] },
      { sql: "INSERT INTO items (name) VALUES ('a')", params: [] },
    ]);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(isUniqueViolation(await failed.catch((error: unknown) => error))).toBe(true);
    expect(await names(database)).toEqual(['a']);
  });

  it('lets no other statement into an open transaction: they run after it ends', async () => {
    let reading: Promise<string[]> | undefined;
    await database.transaction(async (tx) => {
      await tx.execute("INSERT INTO items (name) VALUES ('inside')");
      reading = names(database);
      await tx.execute("INSERT INTO items (name) VALUES ('second')");
    });
    expect(await reading).toEqual(['inside', 'second']);
  });

  it('rolls a failed transaction back before the statements that waited for it run', async () => {
    let reading: Promise<string[]> | undefined;
    const failed = database.transaction(async (tx) => {
      await tx.execute("INSERT INTO items (name) VALUES ('inside')");
      reading = names(database);
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await reading).toEqual([]);
  });

  it('runs the right statement after statements that failed, were skipped, or waited for a transaction', async () => {
    await expect(database.query('SELEC nonsense')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    const skipped = await database.write([
      { sql: 'DELETE FROM items WHERE name = $1', params: ['missing'], mustChange: true },
      { sql: "INSERT INTO items (name) VALUES ('never')", params: [] },
    ]);
    expect(skipped).toBe(false);
    let waited: Promise<boolean> | undefined;
    await database.transaction(async (tx) => {
      waited = database.write([{ sql: "INSERT INTO items (name) VALUES ('after')", params: [] }]);
      await tx.execute("INSERT INTO items (name) VALUES ('during')");
    });
    expect(await waited).toBe(true);
    await database.execute("INSERT INTO items (name) VALUES ('never')");
    expect(await database.query('SELECT count(*) AS n FROM items')).toEqual([{ n: 3 }]);
    expect(await names(database)).toEqual(['during', 'after', 'never']);
  });

  it('commits the writes sent together at once, each with its own outcome, and reads after them see them', async () => {
    await database.execute("INSERT INTO items (name) VALUES ('taken')");
    const insert = (name: string) => database.write([{ sql: 'INSERT INTO items (name) VALUES ($1)', params: [name] }]);
    // Sent in one turn of the event loop: one batch, whose writes share a transaction.
    const first = insert('first');
    const skipped = database.write([
      { sql: "INSERT INTO items (name) VALUES ('skipped')", params: [] },
      { sql: 'DELETE FROM items WHERE name = $1', params: ['missing'], mustChange: true },
    ]);
    const failed = insert('taken');
    const last = insert('last');
    const seen = names(database);
    let inTransaction: Promise<void> | undefined;
    const transaction = database.transaction(async (tx) => {
      inTransaction = tx.execute("INSERT INTO items (name) VALUES ('in transaction')").then(() => undefined);
      await inTransaction;
    });
    expect(await first).toBe(true);
    expect(await skipped).toBe(false);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await last).toBe(true);
    expect(await seen).toEqual(['taken', 'first', 'last']);
    await transaction;
    expect(await names(database)).toEqual(['taken', 'first', 'last', 'in transaction']);
  });

  it('fails every request that ran in a batch of writes whose commit failed, and keeps none of their changes', async () => {
    // A deferred foreign key is checked only at the commit.
    await database.execute('CREATE TABLE parents (id INTEGER PRIMARY KEY)');
    await database.execute('CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)');
    const sound = database.write([{ sql: "INSERT INTO items (name) VALUES ('sound')", params: [] }]);
    const orphan = database.write([{ sql: 'INSERT INTO children (parent) VALUES (99)', params: [] }]);
    const read = names(database);
    for (const request of [sound, orphan, read]) await expect(request).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(await names(database)).toEqual([]);
    expect(await database.query('SELECT count(*) AS n FROM children')).toEqual([{ n: 0 }]);
  });

  it('keeps the event loop free while a statement runs', async () => {
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 1);
    const [{ n }] = await database.query<{ n: number }>(
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c',
    );
    clearTimeout(timer);
    expect(n).toBe(3_000_000);
    expect(timerFired).toBe(true);
  });

  it('answers every request with its own result while earlier ones keep the worker busy', async () => {
    const slow = database.query<{ n: number }>('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) AS n FROM c');
    const answers: Promise<{ n: number }[]>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 3; i++) answers.push(database.query('SELECT $1 AS n', [turn * 3 + i]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await Promise.all(answers)).map(([row]) => row.n)).toEqual([...Array(15).keys()]);
    expect(await slow).toEqual([{ n: 300_000 }]);
  });

  it('reads nothing at once in memory, where the database is the copy in its worker', () => {
    expect(database.queryAtOnce('SELECT 1 AS one')).toBeUndefined();
  });

  it('answers DatabaseUnavailableError once its worker is gone', async () => {
    await database.onApplicationShutdown();
    await expect(database.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(await database.ping()).toBe(false);
  });
});

describe('SqliteDatabase on a file', () => {
  let directory: string;
  let path: string;
  let migrating: BetterSqlite3.Database;
  let database: SqliteDatabase;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'groups-sqlite-'));
    path = join(directory, 'groups.sqlite');
    migrating = new BetterSqlite3(path);
    migrating.exec(SCHEMA);
    database = SqliteDatabase.serving(migrating);
  });
  afterEach(async () => {
    await database.onApplicationShutdown();
    migrating.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('works on the file itself, as every other connection sees it', async () => {
    await database.execute("INSERT INTO items (name) VALUES ('kept')");
    const other = new BetterSqlite3(path, { readonly: true });
    expect(other.prepare('SELECT name FROM items').all()).toEqual([{ name: 'kept' }]);
    other.close();
  });

  it('reads at once, on the calling thread, what any connection committed last, and writes nothing there', async () => {
    expect(database.queryAtOnce('SELECT name FROM items WHERE name = $1 OR name = $2', ['a', 'b'])).toEqual([]);
    await database.execute("INSERT INTO items (name) VALUES ('a')");
    // Another connection to the file, as the CLI or a second instance has.
    const other = new BetterSqlite3(path);
    other.prepare("INSERT INTO items (name) VALUES ('b')").run();
    other.close();
    expect(database.queryAtOnce('SELECT name FROM items WHERE name = $1 OR name = $2 ORDER BY name', ['a', 'b'])).toEqual([{ name: 'a' }, { name: 'b' }]);
    // A write is refused there (the caller then asks `query`), and the file is unchanged.
    expect(database.queryAtOnce("INSERT INTO items (name) VALUES ('c') RETURNING name")).toBeUndefined();
    expect(await names(database)).toEqual(['a', 'b']);
  });

  it('copies committed writes from the write-ahead log into the database file beside the writer', async () => {
    await database.write([{ sql: "INSERT INTO items (name) VALUES ('checkpointed')", params: [] }]);
    // A copy of the database file alone, without its log, holds only what a checkpoint copied.
    const fileAlone = join(directory, 'file-alone.sqlite');
    const namesInFileAlone = (): unknown[] => {
      copyFileSync(path, fileAlone);
      const copy = new BetterSqlite3(fileAlone, { readonly: true });
      try {
        return copy.prepare('SELECT name FROM items').all();
      } finally {
        copy.close();
      }
    };
    const deadline = Date.now() + 5000;
    while (namesInFileAlone().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(namesInFileAlone()).toEqual([{ name: 'checkpointed' }]);
  });
});
