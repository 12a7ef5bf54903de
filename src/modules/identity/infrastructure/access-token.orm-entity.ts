import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';

/** A user's API token in one organization, kept only as its SHA-256 hash. */
export class AccessTokenOrmEntity {
  id!: string;
  org_id!: string;
  user_id!: string;
  name!: string;
  token_hash!: string;
  created_at!: StoredTimestamp;
  last_used_at!: StoredTimestamp | null;
  expires_at!: StoredTimestamp | null;
  revoked_at!: StoredTimestamp | null;
}

export function accessTokenSchema(types: ColumnTypes): EntitySchema<AccessTokenOrmEntity> {
  return new EntitySchema<AccessTokenOrmEntity>({
    name: 'access_tokens',
    tableName: 'access_tokens',
    target: AccessTokenOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      user_id: types.uuid,
      name: { type: 'varchar', length: 255 },
      token_hash: types.hash,
      created_at: types.timestamp,
      last_used_at: { ...types.timestamp, nullable: true },
      expires_at: { ...types.timestamp, nullable: true },
      revoked_at: { ...types.timestamp, nullable: true },
    },
    indices: [
      { name: 'access_tokens_hash_key', columns: ['token_hash'], unique: true },
      { name: 'access_tokens_org_user_name_key', columns: ['org_id', 'user_id', 'name'], unique: true },
    ],
    foreignKeys: [
      { target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      { target: 'users', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}
