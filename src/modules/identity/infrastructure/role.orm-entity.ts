import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredJson, StoredTimestamp } from '../../../database/column-types';

/** A custom role of an organization: its permissions, granted by an org membership or a group. */
export class RoleOrmEntity {
  id!: string;
  org_id!: string;
  slug!: string;
  name!: string;
  permissions!: StoredJson;
  created_at!: StoredTimestamp;
}

export function roleSchema(types: ColumnTypes): EntitySchema<RoleOrmEntity> {
  return new EntitySchema<RoleOrmEntity>({
    name: 'roles',
    tableName: 'roles',
    target: RoleOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      slug: { type: 'varchar', length: 64 },
      name: { type: 'varchar', length: 255 },
      permissions: types.json,
      created_at: types.timestamp,
    },
    indices: [{ name: 'roles_org_slug_key', columns: ['org_id', 'slug'], unique: true }],
    foreignKeys: [{ target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
