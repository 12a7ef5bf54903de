import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite's tables made as strict as PostgreSQL's, so that both databases hold the schema that the
 * entities declare: a primary key that is not NOT NULL accepts NULL on SQLite (unlike PostgreSQL),
 * foreign keys get PostgreSQL's names (`<table>_<column>_fkey`), and hashes the type `character(64)`,
 * which TypeORM reads back (it does not know `char`). SQLite cannot alter a column: each table is built
 * anew, its rows copied with their rowids (the users' search index is keyed by them), and its indexes
 * and triggers created again. TypeORM runs migrations on SQLite with foreign keys off, so dropping the
 * old table deletes no row of another; a check at the end proves every reference still holds.
 */
export class SqliteTableConstraints1765500000000 implements MigrationInterface {
  name = 'SqliteTableConstraints1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const [table, definition] of Object.entries(TABLES)) await rebuild(queryRunner, table, definition);
    const broken = await queryRunner.query('PRAGMA foreign_key_check');
    if (broken.length > 0) throw new Error(`rows refer to missing rows after the rebuild: ${JSON.stringify(broken.slice(0, 5))}`);
  }

  /** The stricter tables hold the earlier schema's data as well: nothing to undo. */
  async down(): Promise<void> {}
}

const cascade = (table: string, column: string, parent: string) =>
  `CONSTRAINT "${table}_${column}_fkey" FOREIGN KEY ("${column}") REFERENCES "${parent}" ("id") ON DELETE CASCADE`;

/** Each table's new definition: the columns of the earlier migrations, in their order, and the constraints. */
const TABLES: Record<string, string> = {
  organizations: `id varchar(36) PRIMARY KEY NOT NULL, slug varchar(64) NOT NULL, name varchar(255) NOT NULL, created_at varchar(30) NOT NULL`,
  users: `id varchar(36) PRIMARY KEY NOT NULL, username varchar(255) NOT NULL, email varchar(255), first_name varchar(255), last_name varchar(255),
    created_at varchar(30) NOT NULL`,
  roles: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, slug varchar(64) NOT NULL, name varchar(255) NOT NULL,
    permissions text NOT NULL, created_at varchar(30) NOT NULL, ${cascade('roles', 'org_id', 'organizations')}`,
  org_memberships: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, user_id varchar(36) NOT NULL, role varchar(64) NOT NULL,
    created_at varchar(30) NOT NULL, active integer NOT NULL DEFAULT 1, external_id varchar(255), version integer NOT NULL DEFAULT 1,
    last_modified varchar(30), ${cascade('org_memberships', 'org_id', 'organizations')}, ${cascade('org_memberships', 'user_id', 'users')}`,
  groups: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, name varchar(255) NOT NULL, slug varchar(64) NOT NULL,
    role varchar(64) NOT NULL, managed_externally integer NOT NULL DEFAULT 0, created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL,
    external_id varchar(255), version integer NOT NULL DEFAULT 1, last_modified varchar(30), ${cascade('groups', 'org_id', 'organizations')}`,
  group_memberships: `id varchar(36) PRIMARY KEY NOT NULL, group_id varchar(36) NOT NULL, user_id varchar(36) NOT NULL,
    created_at varchar(30) NOT NULL, ${cascade('group_memberships', 'group_id', 'groups')}, ${cascade('group_memberships', 'user_id', 'users')}`,
  access_tokens: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, user_id varchar(36) NOT NULL, name varchar(255) NOT NULL,
    token_hash character(64) NOT NULL, created_at varchar(30) NOT NULL, last_used_at varchar(30), expires_at varchar(30), revoked_at varchar(30),
    ${cascade('access_tokens', 'org_id', 'organizations')}, ${cascade('access_tokens', 'user_id', 'users')}`,
  audit_logs: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, actor_user_id varchar(36), actor_username varchar(255),
    event_type varchar(64) NOT NULL, metadata text NOT NULL, req_id varchar(32), ip_address varchar(64), user_agent varchar(512),
    created_at varchar(30) NOT NULL, actor_type varchar(16) NOT NULL DEFAULT 'user', actor_scim_token_id varchar(36),
    ${cascade('audit_logs', 'org_id', 'organizations')}`,
  identities: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, name varchar(64) NOT NULL, role varchar(64) NOT NULL,
    has_delete_protection integer NOT NULL DEFAULT 0, last_login_auth_method varchar(32), last_login_time varchar(30),
    created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL, ${cascade('identities', 'org_id', 'organizations')}`,
  identity_universal_auths: `id varchar(36) PRIMARY KEY NOT NULL, identity_id varchar(36) NOT NULL, client_id varchar(36) NOT NULL,
    access_token_ttl integer NOT NULL, access_token_max_ttl integer NOT NULL, access_token_num_uses_limit bigint NOT NULL,
    created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL, ${cascade('identity_universal_auths', 'identity_id', 'identities')}`,
  identity_client_secrets: `id varchar(36) PRIMARY KEY NOT NULL, universal_auth_id varchar(36) NOT NULL, description varchar(255) NOT NULL,
    secret_prefix varchar(4) NOT NULL, secret_hash character(64) NOT NULL, num_uses bigint NOT NULL DEFAULT 0, num_uses_limit bigint NOT NULL,
    ttl integer NOT NULL, expires_at varchar(30), revoked_at varchar(30), created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL,
    ${cascade('identity_client_secrets', 'universal_auth_id', 'identity_universal_auths')}`,
  identity_access_tokens: `id varchar(36) PRIMARY KEY NOT NULL, identity_id varchar(36) NOT NULL, client_secret_id varchar(36),
    token_hash character(64) NOT NULL, num_uses bigint NOT NULL DEFAULT 0, num_uses_limit bigint NOT NULL, access_token_ttl integer NOT NULL,
    access_token_max_ttl integer NOT NULL, expires_at varchar(30), revoked_at varchar(30), created_at varchar(30) NOT NULL,
    ${cascade('identity_access_tokens', 'identity_id', 'identities')}, ${cascade('identity_access_tokens', 'client_secret_id', 'identity_client_secrets')}`,
  identity_group_memberships: `id varchar(36) PRIMARY KEY NOT NULL, group_id varchar(36) NOT NULL, identity_id varchar(36) NOT NULL,
    created_at varchar(30) NOT NULL, ${cascade('identity_group_memberships', 'group_id', 'groups')},
    ${cascade('identity_group_memberships', 'identity_id', 'identities')}`,
  scim_tokens: `id varchar(36) PRIMARY KEY NOT NULL, org_id varchar(36) NOT NULL, token_hash character(64) NOT NULL, description varchar(255) NOT NULL,
    ttl_days integer NOT NULL, expires_at varchar(30), last_used_at varchar(30), created_at varchar(30) NOT NULL,
    ${cascade('scim_tokens', 'org_id', 'organizations')}`,
};

/** SQLite's way to change a table's definition: a new table, the rows copied, the old one dropped, the new one renamed. */
async function rebuild(queryRunner: QueryRunner, table: string, definition: string): Promise<void> {
  const dependents: { sql: string }[] = await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE tbl_name = '${table}' AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
  );
  const columns = (await queryRunner.query(`PRAGMA table_info("${table}")`)).map(({ name }: { name: string }) => `"${name}"`).join(', ');
  await queryRunner.query(`CREATE TABLE "new_${table}" (${definition})`);
  await queryRunner.query(`INSERT INTO "new_${table}" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}"`);
  await queryRunner.query(`DROP TABLE "${table}"`);
  await queryRunner.query(`ALTER TABLE "new_${table}" RENAME TO "${table}"`);
  for (const { sql } of dependents) await queryRunner.query(sql);
}
