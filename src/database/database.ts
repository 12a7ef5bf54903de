export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

/** What a statement may run on: the database itself, or an open transaction. */
export interface SqlExecutor {
  /** Runs one statement written with PostgreSQL placeholders ($1, $2, …) and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement and returns how many rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** One statement of an atomic write. */
export interface WriteStep {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** A statement that must change a row: when it changes none, the whole write is undone. */
  readonly mustChange?: boolean;
}

/**
 * The service's access to its database: prepared statements on the driver of the TypeORM DataSource.
 * It is its own injection token.
 */
export abstract class Database implements SqlExecutor {
  abstract readonly dialect: Dialect;
  abstract query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  abstract execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs one read without keeping it prepared: for texts built from a client's input (SCIM filters),
   * whose kinds are unbounded and would otherwise stay prepared for the life of the process.
   */
  abstract queryUnprepared<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs a short read on the calling thread, at once, and gives its rows as of the last commit; undefined
   * where this database cannot (see SqliteDatabase). Callers ask `queryShort`, which falls back to `query`.
   */
  queryAtOnce<T = Row>(_sql: string, _params?: readonly unknown[]): T[] | undefined {
    return undefined;
  }
  /**
   * Runs a short read at once where this database can (`queryAtOnce`), else as `query`. For the lookups
   * every request makes, where a hop to another thread and back costs more than the read itself.
   */
  async queryShort<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.queryAtOnce<T>(sql, params) ?? this.query<T>(sql, params);
  }
  /** How many SQL texts are kept prepared: it grows with the kinds of statement, never with the requests. */
  abstract readonly preparedStatements: number;
  /**
   * Runs `steps` in order in one transaction, known in full beforehand: the way requests write, in one
   * exchange with the database where it can. False, with nothing written, when a `mustChange` step
   * changed no row.
   */
  abstract write(steps: readonly WriteStep[]): Promise<boolean>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. For work
   * that reads before it decides what to write (start-up, fixtures); it holds the connection throughout.
   */
  abstract transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Answers whether the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
  /**
   * A `FROM` item for lists given column by column in parameters $first, $first + 1, … (arrays of one
   * length): the table `alias` of their rows, with `n`, each row's position from 1. One prepared
   * statement serves lists of any length.
   */
  abstract listsTable(alias: string, columns: readonly ListColumn[], first: number): string;
}

/** A column of `Database.listsTable`: its name and type. */
export type ListColumn = readonly [name: string, type: 'text' | 'uuid'];

/** The rows of a query on `Database.listsTable`, each at the position of the list row it answers (its `n`). */
export function byListRow<R extends { n: number | string }>(rows: readonly R[], length: number): (R | undefined)[] {
  const placed = new Array<R | undefined>(length).fill(undefined);
  for (const row of rows) placed[Number(row.n) - 1] = row;
  return placed;
}

/** The database could not be reached or did not answer in time: answered with 503. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The database is unavailable', { cause });
  }
}

/** True for a violation of a unique index, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The form of `toISOString`, in which the service stores every timestamp on SQLite. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Both databases give timestamps back as ISO 8601 UTC strings. One already in that form is given back
 * as it is: parsing it again cost more than the rest of a listed user.
 */
export function isoTimestamp(value: unknown): string {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return value;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
