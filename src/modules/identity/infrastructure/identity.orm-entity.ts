import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBoolean, StoredTimestamp } from '../../../database/column-types';

/** A machine identity: a non-human actor of one organization. */
export class IdentityOrmEntity {
  id!: string;
  org_id!: string;
  name!: string;
  role!: string;
  has_delete_protection!: StoredBoolean;
  last_login_auth_method!: string | null;
  last_login_time!: StoredTimestamp | null;
  created_at!: StoredTimestamp;
  updated_at!: StoredTimestamp;
}

export function identitySchema(types: ColumnTypes): EntitySchema<IdentityOrmEntity> {
  return new EntitySchema<IdentityOrmEntity>({
    name: 'identities',
    tableName: 'identities',
    target: IdentityOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      name: { type: 'varchar', length: 64 },
      role: { type: 'varchar', length: 64 },
      has_delete_protection: { ...types.boolean, default: false },
      last_login_auth_method: { type: 'varchar', length: 32, nullable: true },
      last_login_time: { ...types.timestamp, nullable: true },
      created_at: types.timestamp,
      updated_at: types.timestamp,
    },
    indices: [
      // Unique on (org_id, lower(name)): TypeORM does not model an index on an expression, so it leaves it alone.
      { name: 'identities_org_name_key', columns: ['org_id', 'name'], unique: true, synchronize: false },
    ],
    foreignKeys: [{ target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
