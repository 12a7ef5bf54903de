import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns a search of the members listing looks into. */
export const SEARCHED_COLUMNS = ['username', 'email', 'first_name', 'last_name'] as const;

/** SQLite: the users' FTS5 table, and the trigger that adds each inserted user to it. */
export const SQLITE_USERS_SEARCH = { table: 'users_search', insertTrigger: 'users_search_insert' } as const;

/**
 * Indexes that find the users whose username, email, first or last name contains a search term, so
 * that a search reads the users that match instead of every user of the organization.
 *
 * PostgreSQL: a trigram GIN index (pg_trgm) on each lower-cased column, which the search's own
 * `lower(column) LIKE '%term%'` uses. SQLite: an FTS5 table with the trigram tokenizer over the users
 * table (external content: it holds the index, not a copy of the rows), kept in step by triggers, so
 * that every writer of users (the bootstrap, fixtures, any future one) updates it in its own
 * transaction. The FTS rows are keyed by the users' rowid.
 */
export class UsersSearchIndexes1765300000000 implements MigrationInterface {
  name = 'UsersSearchIndexes1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await createTrigramExtension(queryRunner);
      for (const column of SEARCHED_COLUMNS) {
        await queryRunner.query(`CREATE INDEX users_${column}_trgm_idx ON users USING gin (lower(${column}) gin_trgm_ops)`);
      }
      return;
    }
    const columns = SEARCHED_COLUMNS.join(', ');
    const values = (row: 'new' | 'old') => SEARCHED_COLUMNS.map((column) => `${row}.${column}`).join(', ');
    await queryRunner.query(`CREATE VIRTUAL TABLE users_search USING fts5(${columns}, content = 'users', content_rowid = 'rowid', tokenize = 'trigram')`);
    await queryRunner.query(`CREATE TRIGGER ${SQLITE_USERS_SEARCH.insertTrigger} AFTER INSERT ON users BEGIN
        INSERT INTO users_search (rowid, ${columns}) VALUES (new.rowid, ${values('new')});
      END`);
    await queryRunner.query(`CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
        INSERT INTO users_search (users_search, rowid, ${columns}) VALUES ('delete', old.rowid, ${values('old')});
      END`);
    await queryRunner.query(`CREATE TRIGGER users_search_update AFTER UPDATE OF ${columns} ON users BEGIN
        INSERT INTO users_search (users_search, rowid, ${columns}) VALUES ('delete', old.rowid, ${values('old')});
        INSERT INTO users_search (rowid, ${columns}) VALUES (new.rowid, ${values('new')});
      END`);
    // Users written before this migration.
    await queryRunner.query(`INSERT INTO users_search (users_search) VALUES ('rebuild')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      for (const column of SEARCHED_COLUMNS) await queryRunner.query(`DROP INDEX users_${column}_trgm_idx`);
      return;
    }
    for (const trigger of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER users_search_${trigger}`);
    await queryRunner.query('DROP TABLE users_search');
  }
}

/** pg_trgm ships with PostgreSQL's contrib modules, and is trusted: a database owner may create it. */
async function createTrigramExtension(queryRunner: QueryRunner): Promise<void> {
  const [available] = await queryRunner.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
  if (!available) {
    throw new Error(
      "PostgreSQL extension pg_trgm is not installed on the database server: install PostgreSQL's contrib modules (e.g. the postgresql-contrib package)",
    );
  }
  try {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (error) {
    throw new Error(
      `Could not create PostgreSQL extension pg_trgm (${(error as Error).message}): connect as the database's owner or a superuser, or have one run "CREATE EXTENSION pg_trgm" in this database`,
      { cause: error },
    );
  }
}
