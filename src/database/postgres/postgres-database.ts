import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { Database, DatabaseUnavailableError, type ListColumn, type Row, type SqlExecutor, type WriteStep } from '../database';

/** SQLSTATE classes and driver errors that mean "the database is not there", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '57014', '53300', '08000', '08003', '08006', '08001', '08004']);

function unavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(message ?? '');
}

/** How many connections the pool holds, how many of them are idle, and how many queries wait for one. */
export interface PoolUse {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** Thrown inside a write's transaction to roll it back when a step that must change a row did not. */
const UNDONE = Symbol('write undone');

/** Keeps the process up when a connection dies: the query that was using it fails on its own. */
function ignoreLostConnection(): void {}

/** Named prepared statements on the pool of the TypeORM DataSource: planned once per connection. */
export class PostgresDatabase extends Database {
  readonly dialect = 'postgres' as const;
  private readonly names = new Map<string, string>();

  constructor(private readonly pool: Pool) {
    super();
    // An idle connection that dies makes the pool emit 'error', which ends the process unless someone
    // listens, whoever built the pool. The pool has already dropped the connection; the next query opens a new one.
    pool.on('error', ignoreLostConnection);
  }

  poolUse(): PoolUse {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.on(this.pool, async (client) => (await client.query(this.prepared(sql, params))).rows as T[]);
  }

  execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.on(this.pool, async (client) => (await client.query(this.prepared(sql, params))).rowCount ?? 0);
  }

  async write(steps: readonly WriteStep[]): Promise<boolean> {
    // A single statement is a transaction of its own: no BEGIN and COMMIT round trips.
    if (steps.length === 1) return (await this.execute(steps[0].sql, steps[0].params)) > 0 || !steps[0].mustChange;
    return this.transaction(async (tx) => {
      for (const step of steps) {
        if ((await tx.execute(step.sql, step.params)) === 0 && step.mustChange) throw UNDONE;
      }
      return true;
    }).catch((error: unknown) => {
      if (error === UNDONE) return false;
      throw error;
    });
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
    // A checked-out connection has no listener of the pool's: one that dies between two statements
    // would end the process. The next statement fails and the connection is discarded below.
    client.on('error', ignoreLostConnection);
    const tx: SqlExecutor = {
      query: (sql, params = []) => this.on(client, async (c) => (await c.query(this.prepared(sql, params))).rows),
      execute: (sql, params = []) => this.on(client, async (c) => (await c.query(this.prepared(sql, params))).rowCount ?? 0),
    } as SqlExecutor;
    let broken = false;
    try {
      await this.on(client, (c) => c.query('BEGIN'));
      const result = await work(tx);
      await this.on(client, (c) => c.query('COMMIT'));
      return result;
    } catch (error) {
      broken = error instanceof DatabaseUnavailableError;
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.off('error', ignoreLostConnection);
      // A connection that failed mid-transaction is discarded, never handed to the next request.
      client.release(broken || undefined);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  listsTable(alias: string, columns: readonly ListColumn[], first: number): string {
    const lists = columns.map(([, type], index) => `$${first + index}::${type}[]`).join(', ');
    return `unnest(${lists}) WITH ORDINALITY AS ${alias} (${columns.map(([name]) => name).join(', ')}, n)`;
  }

  private async on<C extends Pool | PoolClient, T>(client: C, run: (client: C) => Promise<T>): Promise<T> {
    try {
      return await run(client);
    } catch (error) {
      throw unavailable(error) ? new DatabaseUnavailableError(error) : error;
    }
  }

  private prepared(text: string, values: readonly unknown[]): QueryConfig {
    let name = this.names.get(text);
    if (!name) {
      name = 'q' + createHash('sha1').update(text).digest('hex').slice(0, 16);
      this.names.set(text, name);
    }
    return { name, text, values: values as unknown[] };
  }
}
