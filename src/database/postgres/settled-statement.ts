import { type Connection, Query, type QueryConfig } from 'pg';
import { SET_SETTINGS } from './connection-settings';

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
