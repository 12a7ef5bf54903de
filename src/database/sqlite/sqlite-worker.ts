import type BetterSqlite3 from 'better-sqlite3';
import type * as WorkerThreads from 'node:worker_threads';

/** What the worker is started with. */
export interface SqliteWorkerData {
  /** Where better-sqlite3 is, resolved by the main thread: the worker's own lookup would start from the working directory. */
  readonly driver: string;
  /** A file to open, or the image of an in-memory database to open a copy of. */
  readonly source: string | Uint8Array;
  readonly pragmas: readonly string[];
  /**
   * Set for the checkpointer: a worker that serves no request and only copies the write-ahead log into
   * the database file this often, without waiting for the writer (a passive checkpoint).
   */
  readonly checkpointEveryMs?: number;
}

/**
 * A statement as it crosses to the worker: its SQL text the first time, then the number the text got,
 * counting from 0 in the order texts first cross. Both threads count the same texts in the same order
 * (one ordered channel), and a number costs nothing to send, where a text is copied on each side.
 */
export type StatementRef = string | number;

/** A statement compiled for the driver: `order` says which parameter each positional `?` takes. */
interface Compiled {
  readonly statement: BetterSqlite3.Statement;
  readonly order: readonly number[];
  readonly plainRead: boolean;
}

/** A step of an atomic write: its statement, parameters, and whether it must change a row. */
export type WorkerWriteStep = [statement: StatementRef, params: readonly unknown[], mustChange: boolean];

/** A request to the worker: its id, what to do, and the statement or steps it is about. */
export type WorkerRequest =
  | [id: number, kind: 'all' | 'run', statement: StatementRef, params: readonly unknown[]]
  | [id: number, kind: 'unprepared', sql: string, params: readonly unknown[]]
  | [id: number, kind: 'write', steps: readonly WorkerWriteStep[]]
  | [id: number, kind: 'begin' | 'commit' | 'rollback'];

/** An error the driver threw, as it crosses back. */
export interface WorkerFailure {
  readonly message: string;
  readonly code?: string;
}

/** The answer to request `id`: its result, or what the driver threw. */
export type WorkerReply = [id: number, result: unknown, error?: WorkerFailure];

/**
 * The SQLite worker thread: it owns the connection the service works on and runs each request to the
 * end before it reads the next, so a long statement never stalls the main thread's event loop, and
 * both threads work at once. With `checkpointEveryMs` it is the checkpointer instead. It is started from
 * its source text (`String(serveSqlite)`), which runs the same under the build and the tests; so it
 * uses nothing from this module's scope, only `require` and its workerData.
 */
export function serveSqlite(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a worker started from source text has only require() */
  const { parentPort, workerData } = require('node:worker_threads') as typeof WorkerThreads;
  const { driver, source, pragmas, checkpointEveryMs } = workerData as SqliteWorkerData;
  const Driver = require(driver) as typeof BetterSqlite3;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const connection = new Driver(typeof source === 'string' ? source : Buffer.from(source));
  for (const pragma of pragmas) connection.pragma(pragma);
  if (checkpointEveryMs !== undefined) {
    setInterval(() => {
      try {
        connection.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        // The writer's own checkpoints still bound the log; the next turn tries again.
        process.emitWarning(`SQLite checkpoint failed: ${(error as Error).message}`);
      }
    }, checkpointEveryMs);
    return;
  }

  /** Every SQL text received, by its number (see StatementRef). */
  const texts: string[] = [];
  const statements: Compiled[] = [];
  const numberOf = (ref: StatementRef): number => (typeof ref === 'number' ? ref : texts.push(ref) - 1);
  /**
   * Numbers every new text of a request before any of it runs: the other side counted them all,
   * whether or not this request gets as far as each of its statements.
   */
  function numberTexts(request: WorkerRequest): void {
    if (request[1] === 'write') for (const step of request[2]) step[0] = numberOf(step[0]);
    else if (request[1] === 'all' || request[1] === 'run') request[2] = numberOf(request[2]);
  }
  /** `$n` placeholders become positional `?`, in the order they appear. */
  function compile(sql: string): Compiled {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    const statement = connection.prepare(text);
    return { statement, order, plainRead: statement.readonly && /^\s*(SELECT|WITH)\b/i.test(text) };
  }
  /** Prepares once per SQL text. */
  function prepare(ref: StatementRef) {
    const number = ref as number; // a number since `numberTexts` saw its request
    return (statements[number] ??= compile(texts[number]));
  }
  function rows({ statement, order }: Compiled, params: readonly unknown[]): unknown[] {
    const values = order.map((index) => params[index]);
    if (statement.reader) return statement.all(...values);
    statement.run(...values);
    return [];
  }
  function changes(ref: StatementRef, params: readonly unknown[]): number {
    const { statement, order } = prepare(ref);
    return statement.run(...order.map((index) => params[index])).changes;
  }

  const control = (sql: string) => {
    const statement = connection.prepare(sql);
    return () => statement.run();
  };
  const begin = control('BEGIN IMMEDIATE');
  const commit = control('COMMIT');
  const rollback = control('ROLLBACK');
  const savepoint = control('SAVEPOINT write');
  const release = control('RELEASE write');
  const rollbackToSavepoint = control('ROLLBACK TO write');

  /** The steps in a savepoint of their own, inside the transaction already open: the batch's, or the caller's. */
  function write(steps: readonly WorkerWriteStep[]): boolean {
    savepoint();
    try {
      for (const [ref, params, mustChange] of steps) {
        if (changes(ref, params) === 0 && mustChange) {
          rollbackToSavepoint();
          release();
          return false;
        }
      }
      release();
      return true;
    } catch (error) {
      // Some errors (a full disk, say) end the whole transaction; the others leave it to us.
      if (connection.inTransaction) {
        rollbackToSavepoint();
        release();
      }
      throw error;
    }
  }

  function answer(request: WorkerRequest): unknown {
    switch (request[1]) {
      case 'all':
        return rows(prepare(request[2]), request[3]);
      case 'unprepared':
        // Compiled for this request alone: the driver finalizes the statement once it is collected.
        return rows(compile(request[2]), request[3]);
      case 'run':
        return changes(request[2], request[3]);
      case 'write':
        return write(request[2]);
      case 'begin':
        begin();
        return undefined;
      case 'commit':
        commit();
        return undefined;
      case 'rollback':
        if (connection.inTransaction) rollback();
        return undefined;
    }
  }

  function reply(request: WorkerRequest): WorkerReply {
    try {
      return [request[0], answer(request)];
    } catch (error) {
      return [request[0], undefined, thrown(error)];
    }
  }

  /** What crosses back of an error the driver threw. */
  function thrown(error: unknown): WorkerFailure {
    const { message, code } = error as { message: string; code?: string };
    return { message, code };
  }

  /** Whether the caller holds a transaction open (`begin` … `commit` or `rollback`). */
  let callerTransaction = false;

  /**
   * Whether the request is a plain read, which may run in the transaction of a batch's writes. Other
   * statements (a setting, a checkpoint, a schema change) run on their own, as they were sent.
   */
  function plainRead(request: WorkerRequest): boolean {
    if (request[1] !== 'all') return false;
    try {
      return prepare(request[2]).plainRead;
    } catch {
      return false; // it fails again where it runs, and is answered with the error
    }
  }

  /**
   * Runs a batch in order. Its requests were all under way together, so its writes may share one
   * transaction, each in a savepoint of its own, with a single commit: a commit writes the log's pages
   * and costs about as much as the rest of a write, so under load the worker keeps ahead. The reads
   * after the first write run in that transaction too. Whatever ran in it is answered as its commit
   * went: a failed commit fails it all.
   */
  function serve(batch: WorkerRequest[]): WorkerReply[] {
    const replies: WorkerReply[] = [];
    /** Where the replies of the requests run in the batch's open transaction are. */
    let grouped: number[] | undefined;
    const endGroup = (error?: WorkerFailure) => {
      if (!grouped) return;
      try {
        if (error) {
          if (connection.inTransaction) rollback();
        } else commit();
      } catch (commitError) {
        if (connection.inTransaction) rollback();
        error = thrown(commitError);
      }
      if (error) for (const index of grouped) replies[index] = [replies[index][0], undefined, error];
      grouped = undefined;
    };
    for (const request of batch) {
      numberTexts(request);
      // A write opens the batch's transaction; once it is open, plain reads join it too.
      const joins = request[1] === 'write' || (grouped !== undefined && plainRead(request));
      if (callerTransaction || !joins) {
        endGroup();
        replies.push(reply(request));
        callerTransaction = connection.inTransaction;
        continue;
      }
      if (!grouped) {
        try {
          begin();
          grouped = [];
        } catch (error) {
          replies.push([request[0], undefined, thrown(error)]);
          continue;
        }
      }
      const answered = reply(request);
      replies.push(answered);
      // An error that ended the transaction took the batch's earlier changes with it.
      if (answered[2] && !connection.inTransaction) endGroup(answered[2]);
      else grouped.push(replies.length - 1);
    }
    endGroup();
    return replies;
  }

  // Requests come in batches, and their replies go back the same way.
  parentPort!.on('message', (batch: WorkerRequest[]) => parentPort!.postMessage(serve(batch)));
}
