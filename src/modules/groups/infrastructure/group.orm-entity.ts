import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBoolean, StoredTimestamp } from '../../../database/column-types';

/**
 * A group of an organization and the role it grants its members; `external_id`, `version` and
 * `last_modified` (null until the first change) are what SCIM shows of it.
 */
export class GroupOrmEntity {
  id!: string;
  org_id!: string;
  name!: string;
  slug!: string;
  role!: string;
  managed_externally!: StoredBoolean;
  created_at!: StoredTimestamp;
  updated_at!: StoredTimestamp;
  external_id!: string | null;
  version!: number;
  last_modified!: StoredTimestamp | null;
}

export function groupSchema(types: ColumnTypes): EntitySchema<GroupOrmEntity> {
  return new EntitySchema<GroupOrmEntity>({
    name: 'groups',
    tableName: 'groups',
    target: GroupOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      name: { type: 'varchar', length: 255 },
      slug: { type: 'varchar', length: 64 },
      role: { type: 'varchar', length: 64 },
      managed_externally: { ...types.boolean, default: false },
      created_at: types.timestamp,
      updated_at: types.timestamp,
      external_id: { type: 'varchar', length: 255, nullable: true },
      version: { type: 'integer', default: 1 },
      last_modified: { ...types.timestamp, nullable: true },
    },
    indices: [
      { name: 'groups_org_slug_key', columns: ['org_id', 'slug'], unique: true },
      { name: 'groups_org_name_idx', columns: ['org_id', 'name'] },
      { name: 'groups_org_created_idx', columns: ['org_id', 'created_at', 'id'] },
      // On (org_id, lower(name)): TypeORM does not model an index on an expression, so it leaves it alone.
      { name: 'groups_org_lower_name_idx', columns: ['org_id', 'name'], synchronize: false },
    ],
    foreignKeys: [{ target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  });
}
