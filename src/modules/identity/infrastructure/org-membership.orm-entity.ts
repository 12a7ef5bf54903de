import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredBoolean, StoredTimestamp } from '../../../database/column-types';

/**
 * A user's membership of an organization, with its role, and what SCIM shows of it: `active`,
 * `external_id`, and its version and last change (null until the first).
 */
export class OrgMembershipOrmEntity {
  id!: string;
  org_id!: string;
  user_id!: string;
  role!: string;
  created_at!: StoredTimestamp;
  active!: StoredBoolean;
  external_id!: string | null;
  version!: number;
  last_modified!: StoredTimestamp | null;
}

export function orgMembershipSchema(types: ColumnTypes): EntitySchema<OrgMembershipOrmEntity> {
  return new EntitySchema<OrgMembershipOrmEntity>({
    name: 'org_memberships',
    tableName: 'org_memberships',
    target: OrgMembershipOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      org_id: types.uuid,
      user_id: types.uuid,
      role: { type: 'varchar', length: 64 },
      created_at: types.timestamp,
      active: { ...types.boolean, default: true },
      external_id: { type: 'varchar', length: 255, nullable: true },
      version: { type: 'integer', default: 1 },
      last_modified: { ...types.timestamp, nullable: true },
    },
    indices: [
      { name: 'org_memberships_org_user_key', columns: ['org_id', 'user_id'], unique: true },
      { name: 'org_memberships_user_idx', columns: ['user_id'] },
      { name: 'org_memberships_org_created_idx', columns: ['org_id', 'created_at', 'user_id'] },
    ],
    foreignKeys: [
      { target: 'organizations', columnNames: ['org_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      { target: 'users', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}
