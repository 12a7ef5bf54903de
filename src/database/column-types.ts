import type { ColumnType } from 'typeorm';
import type { Dialect } from './database';

/** A column type as the migrations declare it on one database. */
export interface DeclaredType {
  readonly type: ColumnType;
  readonly length?: number;
}

/**
 * The column types that differ between the two databases. The entities name a kind of column, each
 * database its own type: TypeORM has one type per column, and a process may open both databases.
 */
export interface ColumnTypes {
  readonly uuid: DeclaredType;
  readonly timestamp: DeclaredType;
  readonly json: DeclaredType;
  readonly boolean: DeclaredType;
  /** A SHA-256 hash in hex. */
  readonly hash: DeclaredType;
}

export const COLUMN_TYPES: Record<Dialect, ColumnTypes> = {
  postgres: {
    uuid: { type: 'uuid' },
    timestamp: { type: 'timestamptz' },
    json: { type: 'jsonb' },
    boolean: { type: 'boolean' },
    hash: { type: 'char', length: 64 },
  },
  // SQLite keeps timestamps as ISO 8601 text, which sorts in time order, and booleans as 0 and 1.
  sqlite: {
    uuid: { type: 'varchar', length: 36 },
    timestamp: { type: 'varchar', length: 30 },
    json: { type: 'text' },
    boolean: { type: 'integer' },
    hash: { type: 'character', length: 64 },
  },
};

/** A timestamp as read: a Date on PostgreSQL, ISO 8601 text on SQLite. */
export type StoredTimestamp = Date | string;
/** A boolean as read: true or false on PostgreSQL, 1 or 0 on SQLite. */
export type StoredBoolean = boolean | number;
/** A bigint as read: text on PostgreSQL (it may exceed 2^53), a number on SQLite. */
export type StoredBigint = number | string;
/** JSON as read: parsed on PostgreSQL, text on SQLite. */
export type StoredJson = unknown;
