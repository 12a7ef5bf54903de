import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Written once for both databases: only the column types differ.
 * Timestamps are set by the service as ISO 8601 UTC; SQLite keeps them as text, which sorts correctly.
 */
export class InitialSchema1764144000000 implements MigrationInterface {
  name = 'InitialSchema1764144000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const uuid = postgres ? 'uuid' : 'varchar(36)';
    const time = postgres ? 'timestamptz' : 'varchar(30)';
    const json = postgres ? 'jsonb' : 'text';
    const bool = postgres ? 'boolean' : 'integer';
    const falseValue = postgres ? 'false' : '0';

    const statements = [
      `CREATE TABLE organizations (
        id ${uuid} PRIMARY KEY,
        slug varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug)`,

      `CREATE TABLE users (
        id ${uuid} PRIMARY KEY,
        username varchar(255) NOT NULL,
        email varchar(255),
        first_name varchar(255),
        last_name varchar(255),
        created_at ${time} NOT NULL
      )`,
      // Usernames are unique whatever their case, and looked up by lower(username).
      `CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username))`,

      `CREATE TABLE roles (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        slug varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        permissions ${json} NOT NULL,
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX roles_org_slug_key ON roles (org_id, slug)`,

      `CREATE TABLE org_memberships (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id ${uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role varchar(64) NOT NULL,
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX org_memberships_org_user_key ON org_memberships (org_id, user_id)`,
      `CREATE INDEX org_memberships_user_idx ON org_memberships (user_id)`,

      `CREATE TABLE groups (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        slug varchar(64) NOT NULL,
        role varchar(64) NOT NULL,
        managed_externally ${bool} NOT NULL DEFAULT ${falseValue},
        created_at ${time} NOT NULL,
        updated_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX groups_org_slug_key ON groups (org_id, slug)`,
      `CREATE INDEX groups_org_name_idx ON groups (org_id, name)`,

      `CREATE TABLE group_memberships (
        id ${uuid} PRIMARY KEY,
        group_id ${uuid} NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id ${uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX group_memberships_group_user_key ON group_memberships (group_id, user_id)`,
      // The actor's own groups, for the permissions that group roles grant.
      `CREATE INDEX group_memberships_user_idx ON group_memberships (user_id, group_id)`,

      `CREATE TABLE access_tokens (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id ${uuid} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        token_hash char(64) NOT NULL,
        created_at ${time} NOT NULL,
        last_used_at ${time},
        expires_at ${time},
        revoked_at ${time}
      )`,
      `CREATE UNIQUE INDEX access_tokens_hash_key ON access_tokens (token_hash)`,
      `CREATE UNIQUE INDEX access_tokens_org_user_name_key ON access_tokens (org_id, user_id, name)`,

      `CREATE TABLE audit_logs (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        actor_user_id ${uuid},
        actor_username varchar(255),
        event_type varchar(64) NOT NULL,
        metadata ${json} NOT NULL,
        req_id varchar(32),
        ip_address varchar(64),
        user_agent varchar(512),
        created_at ${time} NOT NULL
      )`,
      `CREATE INDEX audit_logs_org_created_idx ON audit_logs (org_id, created_at)`,
      `CREATE INDEX audit_logs_org_event_created_idx ON audit_logs (org_id, event_type, created_at)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'access_tokens', 'group_memberships', 'groups', 'org_memberships', 'roles', 'users', 'organizations']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
