import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBigint, StoredTimestamp } from '../../../database/column-types';

/** The Universal Auth of a machine identity: its client id and the limits of the tokens it issues. */
export class IdentityUniversalAuthOrmEntity {
  id!: string;
  identity_id!: string;
  client_id!: string;
  access_token_ttl!: number;
  access_token_max_ttl!: number;
  access_token_num_uses_limit!: StoredBigint;
  created_at!: StoredTimestamp;
  updated_at!: StoredTimestamp;
}

export function identityUniversalAuthSchema(types: ColumnTypes): EntitySchema<IdentityUniversalAuthOrmEntity> {
  return new EntitySchema<IdentityUniversalAuthOrmEntity>({
    name: 'identity_universal_auths',
    tableName: 'identity_universal_auths',
    target: IdentityUniversalAuthOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      identity_id: types.uuid,
      client_id: types.uuid,
      access_token_ttl: { type: 'integer' },
      access_token_max_ttl: { type: 'integer' },
      access_token_num_uses_limit: { type: 'bigint' },
      created_at: types.timestamp,
      updated_at: types.timestamp,
    },
    indices: [
      { name: 'identity_universal_auths_identity_key', columns: ['identity_id'], unique: true },
      { name: 'identity_universal_auths_client_key', columns: ['client_id'], unique: true },
    ],
    foreignKeys: [{ target: 'identities', columnNames: ['identity_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
