import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';

/** An organization: the scope of every request. */
export class OrganizationOrmEntity {
  id!: string;
  slug!: string;
  name!: string;
  created_at!: StoredTimestamp;
}

export function organizationSchema(types: ColumnTypes): EntitySchema<OrganizationOrmEntity> {
  return new EntitySchema<OrganizationOrmEntity>({
    name: 'organizations',
    tableName: 'organizations',
    target: OrganizationOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      slug: { type: 'varchar', length: 64 },
      name: { type: 'varchar', length: 255 },
      created_at: types.timestamp,
    },
    indices: [{ name: 'organizations_slug_key', columns: ['slug'], unique: true }],
  });
}
