import type BetterSqlite3 from 'better-sqlite3';
import { Database, DatabaseUnavailableError, type Row, type SqlExecutor } from './database';

/**
 * better-sqlite3 runs every statement synchronously on one connection. A transaction must therefore
 * not interleave with another request's statements: all work is queued one unit at a time. Each unit
 * runs without real I/O, so the queue costs a few microtasks, never a wait on a socket.
 */
export class SqliteDatabase extends Database {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, { statement: BetterSqlite3.Statement; order: number[] }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: SqlExecutor = {
    query: async <T>(sql: string, params: readonly unknown[] = []) => this.run(sql, params, 'all') as T[],
    execute: async (sql: string, params: readonly unknown[] = []) => this.run(sql, params, 'run') as number,
  };

  constructor(private readonly connection: BetterSqlite3.Database) {
    super();
  }

  query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.enqueue(() => this.direct.query<T>(sql, params));
  }

  execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.enqueue(() => this.direct.execute(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private enqueue<T>(unit: () => Promise<T>): Promise<T> {
    const result = this.queue.then(unit);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private run(sql: string, params: readonly unknown[], mode: 'all' | 'run'): unknown {
    const { statement, order } = this.prepare(sql);
    const values = order.map((index) => toSqlite(params[index]));
    try {
      if (mode === 'run') return statement.run(...values).changes;
      return statement.reader ? statement.all(...values) : (statement.run(...values), []);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseUnavailableError(error);
      throw error;
    }
  }

  /** Prepares once per SQL text; `$n` placeholders become positional `?` in the order they appear. */
  private prepare(sql: string) {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      const order: number[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n) - 1);
        return '?';
      });
      prepared = { statement: this.connection.prepare(text), order };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
