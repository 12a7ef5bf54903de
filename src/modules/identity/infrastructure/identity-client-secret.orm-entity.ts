import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBigint, StoredTimestamp } from '../../../database/column-types';

/** A client secret of a Universal Auth, kept only as its SHA-256 hash and its first characters. */
export class IdentityClientSecretOrmEntity {
  id!: string;
  universal_auth_id!: string;
  description!: string;
  secret_prefix!: string;
  secret_hash!: string;
  num_uses!: StoredBigint;
  num_uses_limit!: StoredBigint;
  ttl!: number;
  expires_at!: StoredTimestamp | null;
  revoked_at!: StoredTimestamp | null;
  created_at!: StoredTimestamp;
  updated_at!: StoredTimestamp;
}

export function identityClientSecretSchema(types: ColumnTypes): EntitySchema<IdentityClientSecretOrmEntity> {
  return new EntitySchema<IdentityClientSecretOrmEntity>({
    name: 'identity_client_secrets',
    tableName: 'identity_client_secrets',
    target: IdentityClientSecretOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      universal_auth_id: types.uuid,
      description: { type: 'varchar', length: 255 },
      secret_prefix: { type: 'varchar', length: 4 },
      secret_hash: types.hash,
      num_uses: { type: 'bigint', default: 0 },
      num_uses_limit: { type: 'bigint' },
      ttl: { type: 'integer' },
      expires_at: { ...types.timestamp, nullable: true },
      revoked_at: { ...types.timestamp, nullable: true },
      created_at: types.timestamp,
      updated_at: types.timestamp,
    },
    indices: [
      { name: 'identity_client_secrets_auth_hash_idx', columns: ['universal_auth_id', 'secret_hash'] },
      { name: 'identity_client_secrets_auth_created_idx', columns: ['universal_auth_id', 'created_at'] },
    ],
    foreignKeys: [{ target: 'identity_universal_auths', columnNames: ['universal_auth_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
