import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine identities: non-human actors of an organization, members of its groups, authenticating with
 * Universal Auth (a client id and a client secret exchanged for access tokens). Secrets and tokens are
 * kept only as SHA-256 hashes. Deleting an identity, or its Universal Auth, cascades to what hangs off it.
 * Audit entries gain the kind of their actor: `actor_user_id` and `actor_username` hold an identity's id
 * and name when `actor_type` is `identity`.
 */
export class MachineIdentities1765100000000 implements MigrationInterface {
  name = 'MachineIdentities1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const uuid = postgres ? 'uuid' : 'varchar(36)';
    const time = postgres ? 'timestamptz' : 'varchar(30)';
    const bool = postgres ? 'boolean' : 'integer';
    const falseValue = postgres ? 'false' : '0';

    const statements = [
      `CREATE TABLE identities (
        id ${uuid} PRIMARY KEY,
        org_id ${uuid} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        role varchar(64) NOT NULL,
        has_delete_protection ${bool} NOT NULL DEFAULT ${falseValue},
        last_login_auth_method varchar(32),
        last_login_time ${time},
        created_at ${time} NOT NULL,
        updated_at ${time} NOT NULL
      )`,
      // Names are unique in an organization whatever their case; the index also serves the listing order.
      `CREATE UNIQUE INDEX identities_org_name_key ON identities (org_id, lower(name))`,

      `CREATE TABLE identity_universal_auths (
        id ${uuid} PRIMARY KEY,
        identity_id ${uuid} NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
        client_id ${uuid} NOT NULL,
        access_token_ttl integer NOT NULL,
        access_token_max_ttl integer NOT NULL,
        access_token_num_uses_limit bigint NOT NULL,
        created_at ${time} NOT NULL,
        updated_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX identity_universal_auths_identity_key ON identity_universal_auths (identity_id)`,
      `CREATE UNIQUE INDEX identity_universal_auths_client_key ON identity_universal_auths (client_id)`,

      `CREATE TABLE identity_client_secrets (
        id ${uuid} PRIMARY KEY,
        universal_auth_id ${uuid} NOT NULL REFERENCES identity_universal_auths (id) ON DELETE CASCADE,
        description varchar(255) NOT NULL,
        secret_prefix varchar(4) NOT NULL,
        secret_hash char(64) NOT NULL,
        num_uses bigint NOT NULL DEFAULT 0,
        num_uses_limit bigint NOT NULL,
        ttl integer NOT NULL,
        expires_at ${time},
        revoked_at ${time},
        created_at ${time} NOT NULL,
        updated_at ${time} NOT NULL
      )`,
      `CREATE INDEX identity_client_secrets_auth_hash_idx ON identity_client_secrets (universal_auth_id, secret_hash)`,
      `CREATE INDEX identity_client_secrets_auth_created_idx ON identity_client_secrets (universal_auth_id, created_at)`,

      `CREATE TABLE identity_access_tokens (
        id ${uuid} PRIMARY KEY,
        identity_id ${uuid} NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
        client_secret_id ${uuid} REFERENCES identity_client_secrets (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        num_uses bigint NOT NULL DEFAULT 0,
        num_uses_limit bigint NOT NULL,
        access_token_ttl integer NOT NULL,
        access_token_max_ttl integer NOT NULL,
        expires_at ${time},
        revoked_at ${time},
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX identity_access_tokens_hash_key ON identity_access_tokens (token_hash)`,
      `CREATE INDEX identity_access_tokens_identity_idx ON identity_access_tokens (identity_id)`,
      `CREATE INDEX identity_access_tokens_secret_idx ON identity_access_tokens (client_secret_id)`,

      `CREATE TABLE identity_group_memberships (
        id ${uuid} PRIMARY KEY,
        group_id ${uuid} NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        identity_id ${uuid} NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
        created_at ${time} NOT NULL
      )`,
      `CREATE UNIQUE INDEX identity_group_memberships_group_identity_key ON identity_group_memberships (group_id, identity_id)`,
      // The identity's own groups, for the permissions that group roles grant.
      `CREATE INDEX identity_group_memberships_identity_idx ON identity_group_memberships (identity_id, group_id)`,

      `ALTER TABLE audit_logs ADD COLUMN actor_type varchar(16) NOT NULL DEFAULT 'user'`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_logs DROP COLUMN actor_type');
    for (const table of ['identity_group_memberships', 'identity_access_tokens', 'identity_client_secrets', 'identity_universal_auths', 'identities']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
