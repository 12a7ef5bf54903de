import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';

/** A SCIM token of an organization's identity provider, kept only as its SHA-256 hash; `ttl_days` 0 never expires. */
export class ScimTokenOrmEntity {
  id!: string;
  org_id!: string;
  token_hash!: string;
  description!: string;
  ttl_days!: number;
  expires_at!: StoredTimestamp | null;
  last_used_at!: StoredTimestamp | null;
  created_at!: StoredTimestamp;
}

export function scimTokenSchema(types: ColumnTypes): EntitySchema<ScimTokenOrmEntity> {
  return new EntitySchema<ScimTokenOrmEntity>({
    name: 'scim_tokens',
    tableName: 'scim_tokens',
    target: ScimTokenOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      token_hash: types.hash,
      description: { type: 'varchar', length: 255 },
      ttl_days: { type: 'integer' },
      expires_at: { ...types.timestamp, nullable: true },
      last_used_at: { ...types.timestamp, nullable: true },
      created_at: types.timestamp,
    },
    indices: [
      { name: 'scim_tokens_hash_key', columns: ['token_hash'], unique: true },
      { name: 'scim_tokens_org_created_idx', columns: ['org_id', 'created_at'] },
    ],
    foreignKeys: [{ target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
