import { type Connection, Query, type QueryConfig } from 'pg';

/** Milliseconds a statement may run before PostgreSQL cancels it: no request hangs on a stuck query. */
export const STATEMENT_TIMEOUT_MS = 5000;

/**
 * The settings of every connection the service works on. JIT is off: PostgreSQL compiles a plan whose
 * estimated cost passes `jit_above_cost`, which took 14 ms for a search that checks a group's 10 000
 * members in a few; the service's statements are short, and none gains from compiling.
 */
const SETTINGS: readonly (readonly [name: string, value: string])[] = [
  ['statement_timeout', String(STATEMENT_TIMEOUT_MS)],
  ['jit', 'off'],
];

/** Directly, the settings are start-up parameters of each connection. */
export const STARTUP_OPTIONS = SETTINGS.map(([name, value]) => `-c ${name}=${value}`).join(' ');

/** The first statement of every transaction behind a transaction-mode pooler, in the same round trip as BEGIN. */
export const BEGIN_WITH_SETTINGS = ['BEGIN', ...SETTINGS.map(([name, value]) => `SET LOCAL ${name} = ${value}`)].join('; ');

/** Sets them until the end of the transaction it runs in: behind a pooler, that is all a setting may last. */
const SET_SETTINGS = `SELECT ${SETTINGS.map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`;

/** The members of pg's Query that SettledStatement builds on; @types/pg leaves them out. */
interface QueryInternals {
  prepare(connection: Connection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
}
const query = Query.prototype as unknown as QueryInternals;

/**
 * One statement, unnamed, that carries the connection settings: the messages that set them and
 * those of the statement go out together before one Sync, so they run in one implicit transaction on one
 * server connection, in one round trip. For a transaction-mode pooler, which hands the server connection
 * to another client at every Sync that ends a transaction, and takes no start-up parameters. The settings'
 * own row and completion are skipped: the caller sees the statement's result only.
 */
export class SettledStatement extends Query {
  private settingsSet = false;

  constructor(config: QueryConfig) {
    // Extended mode even without parameters: the simple protocol would send the statement alone.
    super({ ...config, queryMode: 'extended' } as QueryConfig);
  }

  prepare(connection: Connection): void {
    connection.parse({ text: SET_SETTINGS, name: '', types: [] }, true);
    connection.bind({ portal: '', statement: '', values: [] }, true);
    connection.execute({ portal: '' }, true);
    query.prepare.call(this, connection);
  }

  handleDataRow(message: unknown): void {
    if (this.settingsSet) query.handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: Connection): void {
    if (this.settingsSet) query.handleCommandComplete.call(this, message, connection);
    else this.settingsSet = true;
  }
}
