import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SCIM provisioning: tokens of the organization's identity provider, what SCIM shows of a user's
 * organization membership (externalId, active) and of a group (externalId), the versions and
 * last-modified instants of both, and the SCIM token of audit entries whose actor is a SCIM client.
 * `last_modified` is null until the first change: the resource was last modified when it was created.
 */
export class Scim1765200000000 implements MigrationInterface {
  name = 'Scim1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const uuid = postgres ? 'uuid' : 'varchar(36)';
    const time = postgres ? 'timestamptz' : 'varchar(30)';
    const bool = postgres ? 'boolean' : 'integer';
    const trueValue = postgres ? 'true' : '1';

    const statements = [
      `CREATE TABLE scim_tokens (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        description varchar(255) NOT NULL,
        ttl_days integer NOT NULL,
        expires_at ${time},
        last_used_at ${time},
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX scim_tokens_hash_key ON scim_tokens (token_hash)`,
      `CREATE INDEX scim_tokens_org_created_idx ON scim_tokens (org_id, created_at)`,

      `ALTER TABLE org_memberships ADD COLUMN active ${bool} NOT NULL DEFAULT ${trueValue}`,
      `ALTER TABLE org_memberships ADD COLUMN external_id varchar(255)`,
      `ALTER TABLE org_memberships ADD COLUMN version integer NOT NULL DEFAULT 1`,
      `ALTER TABLE org_memberships ADD COLUMN last_modified ${time}`,
      // SCIM lists users in the order they joined the organization, then by id.
      `CREATE INDEX org_memberships_org_created_idx ON org_memberships (org_id, created_at, user_id)`,

      `ALTER TABLE groups ADD COLUMN external_id varchar(255)`,
      `ALTER TABLE groups ADD COLUMN version integer NOT NULL DEFAULT 1`,
      `ALTER TABLE groups ADD COLUMN last_modified ${time}`,
      `CREATE INDEX groups_org_created_idx ON groups (org_id, created_at, id)`,
      // displayName is looked up, and kept unique, case-insensitively within the organization.
      `CREATE INDEX groups_org_lower_name_idx ON groups (org_id, lower(name))`,

      `ALTER TABLE audit_logs ADD COLUMN actor_scim_token_id ${uuid}`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      'DROP INDEX groups_org_lower_name_idx',
      'DROP INDEX groups_org_created_idx',
      'DROP INDEX org_memberships_org_created_idx',
      'ALTER TABLE audit_logs DROP COLUMN actor_scim_token_id',
      'ALTER TABLE groups DROP COLUMN last_modified',
      'ALTER TABLE groups DROP COLUMN version',
      'ALTER TABLE groups DROP COLUMN external_id',
      'ALTER TABLE org_memberships DROP COLUMN last_modified',
      'ALTER TABLE org_memberships DROP COLUMN version',
      'ALTER TABLE org_memberships DROP COLUMN external_id',
      'ALTER TABLE org_memberships DROP COLUMN active',
      'DROP TABLE scim_tokens',
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
