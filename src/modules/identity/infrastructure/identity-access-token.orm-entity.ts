import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBigint, StoredTimestamp } from '../../../database/column-types';

/** An access token that a machine identity obtained with Universal Auth, kept only as its SHA-256 hash. */
export class IdentityAccessTokenOrmEntity {
  id!: string;
  identity_id!: string;
  client_secret_id!: string | null;
  token_hash!: string;
  num_uses!: StoredBigint;
  num_uses_limit!: StoredBigint;
  access_token_ttl!: number;
  access_token_max_ttl!: number;
  expires_at!: StoredTimestamp | null;
  revoked_at!: StoredTimestamp | null;
  created_at!: StoredTimestamp;
}

export function identityAccessTokenSchema(types: ColumnTypes): EntitySchema<IdentityAccessTokenOrmEntity> {
  return new EntitySchema<IdentityAccessTokenOrmEntity>({
    name: 'identity_access_tokens',
    tableName: 'identity_access_tokens',
    target: IdentityAccessTokenOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      identity_id: types.uuid,
      client_secret_id: { ...types.uuid, nullable: true },
      token_hash: types.hash,
      num_uses: { type: 'bigint', default: 0 },
      num_uses_limit: { type: 'bigint' },
      access_token_ttl: { type: 'integer' },
      access_token_max_ttl: { type: 'integer' },
      expires_at: { ...types.timestamp, nullable: true },
      revoked_at: { ...types.timestamp, nullable: true },
      created_at: types.timestamp,
    },
    indices: [
      { name: 'identity_access_tokens_hash_key', columns: ['token_hash'], unique: true },
      { name: 'identity_access_tokens_identity_idx', columns: ['identity_id'] },
      { name: 'identity_access_tokens_secret_idx', columns: ['client_secret_id'] },
    ],
    foreignKeys: [
      { target: 'identities', columnNames: ['identity_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      { target: 'identity_client_secrets', columnNames: ['client_secret_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}
