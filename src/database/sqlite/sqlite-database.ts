import type { OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { Database, DatabaseUnavailableError, type ListColumn, type Row, type SqlExecutor, type WriteStep } from '../database';
import { sqlitePragmas } from '../data-source-options';
import { serveSqlite, type SqliteWorkerData, type StatementRef, type WorkerReply, type WorkerRequest } from './sqlite-worker';

/**
 * Rows pass through the worker, they do not stay: a small young generation keeps its memory low. The
 * old generation's limit only bounds a runaway, far above the largest result a request or fixture reads.
 */
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 512 };

/**
 * The build is CommonJS and finds better-sqlite3 as its own code does; the tests load the sources as
 * ES modules from the project root, which is where the worker's lookup starts too.
 */
function driverPath(): string {
  return typeof require === 'function' ? require.resolve('better-sqlite3') : 'better-sqlite3';
}

/**
 * A checkpoint copies the write-ahead log into the database file and syncs both to disk, which takes
 * milliseconds. SQLite has the committing connection do it, every 1 000 pages of log by default, and
 * every request waited while the worker synced. So a second thread checkpoints this often, beside the
 * writer; the worker checkpoints itself only once the log reaches WRITER_CHECKPOINT_PAGES (32 MB), a
 * backstop that lets the log start over under a load that never pauses.
 */
const CHECKPOINT_INTERVAL_MS = 50;
const WRITER_CHECKPOINT_PAGES = 8000;

/**
 * Without statistics SQLite's planner cannot tell a selective index from one that only saves a sort:
 * it walked all 10 000 groups of an organization in creation order to find one by name (a SCIM lookup
 * took 138 ms). So at open the worker has SQLite analyze the tables that lack statistics or have
 * grown much since, as SQLite advises for long-lived connections, sampling at most 1 000 rows an index:
 * milliseconds, even on millions of rows.
 */
const PLANNER_STATISTICS = ['analysis_limit = 1000', 'optimize = 0x10002'];

/** Two: one the worker runs, one waiting for it. */
const BATCHES_IN_FLIGHT = 2;

interface Pending {
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite through one connection in a worker thread (see `serveSqlite`). The main thread sends each
 * statement, or each atomic `write`, as one request, without waiting for the ones before: the worker
 * runs them in order. A `transaction` spans several messages, so while it is open every other request
 * waits for it here.
 */
export class SqliteDatabase extends Database implements OnApplicationShutdown {
  readonly dialect = 'sqlite' as const;
  private readonly worker: Worker;
  /** Only a database file has a write-ahead log to checkpoint. */
  private readonly checkpointer: Worker | undefined;
  /**
   * On a file, a connection of the main thread for `queryAtOnce`. It only reads (`query_only`), and has no
   * busy timeout, so it never holds up the event loop: when the file is busy, the read goes to the worker.
   * Each read is a transaction of its own, which sees every commit before it, from any connection or process.
   */
  private readonly reader: BetterSqlite3.Database | undefined;
  private readonly readerStatements = new Map<string, BetterSqlite3.Statement>();
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;
  /** Why the worker is gone, once it is. */
  private gone: DatabaseUnavailableError | undefined;
  /** Settles when the open transaction ends; undefined while none is open. */
  private held: Promise<void> | undefined;
  /**
   * Requests not yet sent. Waking a thread costs more than the statements of a typical request, so
   * requests go in batches: at most BATCHES_IN_FLIGHT at a time, the next one gathering meanwhile.
   * Under light load a batch is one request, sent at once; under heavy load the worker finds the next
   * batch waiting when it finishes one, and never sleeps in between.
   */
  private outbox: WorkerRequest[] = [];
  /** The number of each SQL text sent so far (see StatementRef). */
  private readonly statementNumbers = new Map<string, number>();
  private batchesInFlight = 0;
  private flushScheduled = false;

  /**
   * Serves the database that TypeORM's connection opened (and migrated). A file is opened again by the
   * worker; an in-memory database is handed over as a copy, which from then on is the database.
   */
  static serving(connection: BetterSqlite3.Database): SqliteDatabase {
    return new SqliteDatabase(connection.memory ? connection.serialize() : connection.name, sqlitePragmas(connection.memory));
  }

  private constructor(source: string | Uint8Array, pragmas: readonly string[]) {
    super();
    const onFile = typeof source === 'string';
    const driver = driverPath();
    const writerPragmas = onFile ? [...pragmas, `wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`] : pragmas;
    this.worker = startWorker({ driver, source, pragmas: [...writerPragmas, ...PLANNER_STATISTICS] });
    if (onFile) {
      this.checkpointer = startWorker({ driver, source, pragmas, checkpointEveryMs: CHECKPOINT_INTERVAL_MS });
      // Its failures are warnings: the writer's own checkpoints keep the log bounded without it.
      this.checkpointer.on('error', (error) => process.emitWarning(`the SQLite checkpointer stopped: ${error.message}`));
      this.checkpointer.unref();
    }
    if (onFile) {
      this.reader = new BetterSqlite3(source, { timeout: 0 });
      for (const pragma of [...pragmas, 'busy_timeout = 0', 'query_only = ON']) this.reader.pragma(pragma);
    }
    this.worker.on('message', (replies: WorkerReply[]) => {
      this.batchesInFlight--;
      for (const reply of replies) this.settle(reply);
      this.flush();
    });
    this.worker.on('error', (error) => this.lose(error));
    this.worker.on('exit', (code) => this.lose(new Error(`the SQLite worker stopped (exit code ${code})`)));
    // Only requests under way keep the process alive (see `send`); after the listeners, which would ref it again.
    this.worker.unref();
  }

  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.unheld(() => this.send([0, 'all', this.statement(sql), params.map(toSqlite)]))) as T[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.unheld(() => this.send([0, 'run', this.statement(sql), params.map(toSqlite)]))) as number;
  }

  async queryUnprepared<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.unheld(() => this.send([0, 'unprepared', sql, params.map(toSqlite)]))) as T[];
  }

  override queryAtOnce<T = Row>(sql: string, params: readonly unknown[] = []): T[] | undefined {
    if (this.reader === undefined || this.gone) return undefined;
    // `$n` is a named parameter to SQLite, bound by its name `n`.
    const named: Record<number, unknown> = {};
    for (let index = 0; index < params.length; index++) named[index + 1] = toSqlite(params[index]);
    try {
      let statement = this.readerStatements.get(sql);
      if (statement === undefined) this.readerStatements.set(sql, (statement = this.reader.prepare(sql)));
      return statement.all(named) as T[];
    } catch {
      // Busy, or closed: the worker answers, and reports what it meets.
      return undefined;
    }
  }

  get preparedStatements(): number {
    return this.statementNumbers.size;
  }

  async write(steps: readonly WriteStep[]): Promise<boolean> {
    return (await this.unheld(() =>
      this.send([0, 'write', steps.map((step) => [this.statement(step.sql), step.params.map(toSqlite), step.mustChange === true])]),
    )) as boolean;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.unheld(() => this.runTransaction(work));
  }

  private async runTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    const tx: SqlExecutor = {
      query: async <R>(sql: string, params: readonly unknown[] = []) => (await this.send([0, 'all', this.statement(sql), params.map(toSqlite)])) as R[],
      execute: async (sql: string, params: readonly unknown[] = []) => (await this.send([0, 'run', this.statement(sql), params.map(toSqlite)])) as number,
    };
    try {
      await this.send([0, 'begin']);
      const result = await work(tx);
      await this.send([0, 'commit']);
      return result;
    } catch (error) {
      if (!this.gone) await this.send([0, 'rollback']);
      throw error;
    } finally {
      this.held = undefined;
      release();
    }
  }

  /** The lists cross as JSON arrays (see `toSqlite`), read with `json_each` and `->>`. */
  listsTable(alias: string, [[name], ...others]: readonly ListColumn[], first: number): string {
    const columns = [`list.value AS ${name}`, ...others.map(([other], index) => `$${first + 1 + index} ->> list.key AS ${other}`)];
    return `(SELECT list.key + 1 AS n, ${columns.join(', ')} FROM json_each($${first}) AS list) AS ${alias}`;
  }

  async onApplicationShutdown(): Promise<void> {
    this.reader?.close();
    await Promise.all([this.worker.terminate(), this.checkpointer?.terminate()]);
  }

  /**
   * Starts `next` once no transaction holds the connection, in the same turn as the last check: nothing
   * can take the connection in between.
   */
  private async unheld<T>(next: () => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    return next();
  }

  /**
   * Call only in the turn that sends the statement: the worker numbers texts in the order it receives
   * them, so they must be numbered here in the order they are sent.
   */
  private statement(sql: string): StatementRef {
    const known = this.statementNumbers.get(sql);
    if (known !== undefined) return known;
    this.statementNumbers.set(sql, this.statementNumbers.size);
    return sql;
  }

  private send(request: WorkerRequest): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const id = ++this.lastId;
    request[0] = id;
    if (this.pending.size === 0) this.worker.ref();
    this.outbox.push(request);
    // The requests of this turn of the event loop go together, sent once its I/O callbacks are done.
    if (!this.flushScheduled && this.batchesInFlight < BATCHES_IN_FLIGHT) {
      this.flushScheduled = true;
      setImmediate(this.scheduledFlush);
    }
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private readonly scheduledFlush = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  private flush(): void {
    if (this.outbox.length === 0 || this.batchesInFlight >= BATCHES_IN_FLIGHT) return;
    this.batchesInFlight++;
    this.worker.postMessage(this.outbox);
    this.outbox = [];
  }

  private settle([id, result, error]: WorkerReply): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if (!error) return pending.resolve(result);
    const failure = Object.assign(new Error(error.message), { code: error.code });
    pending.reject(error.code === 'SQLITE_BUSY' ? new DatabaseUnavailableError(failure) : failure);
  }

  private lose(cause: unknown): void {
    this.gone ??= new DatabaseUnavailableError(cause);
    for (const { reject } of this.pending.values()) reject(this.gone);
    this.pending.clear();
  }
}

/** The bundle keeps function names by calling esbuild's `__name` in the functions' text, so the worker's text defines it too. */
const WORKER_PRELUDE = 'const __name = (target) => target;';

function startWorker(workerData: SqliteWorkerData): Worker {
  return new Worker(`${WORKER_PRELUDE} (${String(serveSqlite)})()`, { eval: true, workerData, resourceLimits: WORKER_HEAP_LIMITS });
}

/** Values as SQLite stores them; done here, since only plain values cross to the worker. */
function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
