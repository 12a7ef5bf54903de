import { type Connection, Query, type QueryConfig } from 'pg';

/** Milliseconds a statement may run before PostgreSQL cancels it: no request hangs on a stuck query. */
export const STATEMENT_TIMEOUT_MS = 5000;

/** The first statement of every transaction behind a transaction-mode pooler, in the same round trip as BEGIN. */
export const BEGIN_WITH_TIMEOUT = `BEGIN; SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`;

/** Sets the timeout until the end of the transaction it runs in: behind a pooler, that is all a setting may last. */
const SET_TIMEOUT = `SELECT set_config('statement_timeout', '${STATEMENT_TIMEOUT_MS}', true)`;

/** The members of pg's Query that TimedStatement builds on; @types/pg leaves them out. */
interface QueryInternals {
  prepare(connection: Connection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
}
const query = Query.prototype as unknown as QueryInternals;

/**
 * One statement, unnamed, that carries its own statement timeout: the messages that set the timeout and
 * those of the statement go out together before one Sync, so they run in one implicit transaction on one
 * server connection, in one round trip. For a transaction-mode pooler, which hands the server connection
 * to another client at every Sync that ends a transaction, and takes no start-up parameters. The timeout's
 * own row and completion are skipped: the caller sees the statement's result only.
 */
export class TimedStatement extends Query {
  private timeoutSet = false;

  constructor(config: QueryConfig) {
    // Extended mode even without parameters: the simple protocol would send the statement alone.
    super({ ...config, queryMode: 'extended' } as QueryConfig);
  }

  prepare(connection: Connection): void {
    connection.parse({ text: SET_TIMEOUT, name: '', types: [] }, true);
    connection.bind({ portal: '', statement: '', values: [] }, true);
    connection.execute({ portal: '' }, true);
    query.prepare.call(this, connection);
  }

  handleDataRow(message: unknown): void {
    if (this.timeoutSet) query.handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: Connection): void {
    if (this.timeoutSet) query.handleCommandComplete.call(this, message, connection);
    else this.timeoutSet = true;
  }
}
