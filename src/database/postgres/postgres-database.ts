import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import type { PostgresPooler } from '../../config/app-config';
import { Database, DatabaseUnavailableError, type ListColumn, type Row, type SqlExecutor, type WriteStep } from '../database';
import { BEGIN_WITH_SETTINGS } from './connection-settings';
import { SettledStatement } from './settled-statement';

/** SQLSTATE classes and driver errors that mean "the database is not there", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

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

/**
 * What PostgreSQL answers when a named statement meets a server connection that is not the one it was
 * prepared on: only a transaction-mode pooler hands connections around like that.
 */
const POOLED_STATEMENT_CODES = new Set(['42P05', '26000']);

function pooledStatementError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code !== undefined && POOLED_STATEMENT_CODES.has(code) && /prepared statement/.test(message ?? '');
}

/** The explanation logged, once, when a named statement shows that a transaction-mode pooler is in the way. */
export const POOLER_FOUND_AT_RUN_TIME =
  'Named statements failed ("prepared statement … already exists" or "does not exist"): DATABASE_URL leads through a ' +
  'transaction-mode pooler. This instance now works as with DATABASE_POOLER=transaction; set it so that the next start does too.';

/** Where PostgresDatabase reports what the operator must fix. */
export type ReportProblem = (message: string) => void;

/**
 * Statements on the pool of the TypeORM DataSource. Directly (pooler `none`), named prepared statements,
 * planned once per connection, under the connection's settings (the statement timeout among them). Behind
 * a transaction-mode pooler, no session state lasts beyond a transaction: statements are unnamed, and each
 * transaction sets the settings itself, in the same round trip as its first statement.
 */
export class PostgresDatabase extends Database {
  readonly dialect = 'postgres' as const;
  private readonly names = new Map<string, string>();

  constructor(
    readonly pool: Pool,
    private pooler: PostgresPooler = 'none',
    private readonly report: ReportProblem = (message) => process.emitWarning(message),
  ) {
    super();
    // An idle connection that dies makes the pool emit 'error', which ends the process unless someone
    // listens, whoever built the pool. The pool has already dropped the connection; the next query opens a new one.
    pool.on('error', ignoreLostConnection);
  }

  poolUse(): PoolUse {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** How statements go out: `transaction` once a pooler was found at run time, whatever the setting said. */
  get mode(): PostgresPooler {
    return this.pooler;
  }

  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.alone(sql, params)).rows as T[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.alone(sql, params)).rowCount ?? 0;
  }

  async queryUnprepared<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.on(this.pool, (pool) => pool.query(this.single(sql, params, false)))).rows as T[];
  }

  get preparedStatements(): number {
    return this.names.size;
  }

  /** One statement in a transaction of its own. One that failed on a pooler it was not told of ran nowhere: it is sent again, as the pooler needs. */
  private async alone(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    try {
      return await this.on(this.pool, (pool) => pool.query(this.single(sql, params)));
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError) || !pooledStatementError(error.cause)) throw error;
      return this.on(this.pool, (pool) => pool.query(this.single(sql, params)));
    }
  }

  /**
   * A statement sent on its own: on a direct connection, named unless `named` is false; behind a
   * pooler, unnamed, with the connection settings.
   */
  private single(text: string, values: readonly unknown[], named = true): QueryConfig {
    if (this.pooler === 'none') return named ? this.prepared(text, values) : { text, values: values as unknown[] };
    // pg runs a Query object given where a config goes, and answers with its result as for a config.
    return new SettledStatement({ text, values: values as unknown[] }) as unknown as QueryConfig;
  }

  /** A statement inside a transaction, which set the connection settings when it began. */
  private inTransaction(text: string, values: readonly unknown[]): QueryConfig {
    return this.pooler === 'transaction' ? { text, values: values as unknown[] } : this.prepared(text, values);
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
      query: (sql, params = []) => this.on(client, async (c) => (await c.query(this.inTransaction(sql, params))).rows),
      execute: (sql, params = []) => this.on(client, async (c) => (await c.query(this.inTransaction(sql, params))).rowCount ?? 0),
    } as SqlExecutor;
    let broken = false;
    try {
      await this.on(client, (c) => c.query(this.pooler === 'transaction' ? BEGIN_WITH_SETTINGS : 'BEGIN'));
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

  listsTable(alias: string, columns: readonly ListColumn[], first: number): string {
    const lists = columns.map(([, type], index) => `$${first + index}::${type}[]`).join(', ');
    return `unnest(${lists}) WITH ORDINALITY AS ${alias} (${columns.map(([name]) => name).join(', ')}, n)`;
  }

  private async on<C extends Pool | PoolClient, T>(client: C, run: (client: C) => Promise<T>): Promise<T> {
    try {
      return await run(client);
    } catch (error) {
      if (pooledStatementError(error)) this.poolerFound();
      throw unavailable(error) || pooledStatementError(error) ? new DatabaseUnavailableError(error) : error;
    }
  }

  /** A transaction-mode pooler the setting did not announce: said once, and from now on worked with. */
  private poolerFound(): void {
    if (this.pooler === 'transaction') return;
    this.pooler = 'transaction';
    this.report(POOLER_FOUND_AT_RUN_TIME);
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
