import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';

/** A machine identity's membership of a group. */
export class IdentityGroupMembershipOrmEntity {
  id!: string;
  group_id!: string;
  identity_id!: string;
  created_at!: StoredTimestamp;
}

export function identityGroupMembershipSchema(types: ColumnTypes): EntitySchema<IdentityGroupMembershipOrmEntity> {
  return new EntitySchema<IdentityGroupMembershipOrmEntity>({
    name: 'identity_group_memberships',
    tableName: 'identity_group_memberships',
    target: IdentityGroupMembershipOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      group_id: types.uuid,
      identity_id: types.uuid,
      created_at: types.timestamp,
    },
    indices: [
      { name: 'identity_group_memberships_group_identity_key', columns: ['group_id', 'identity_id'], unique: true },
      // The identity's own groups, for the permissions that group roles grant.
      { name: 'identity_group_memberships_identity_idx', columns: ['identity_id', 'group_id'] },
    ],
    foreignKeys: [
      { target: 'groups', columnNames: ['group_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      { target: 'identities', columnNames: ['identity_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}
