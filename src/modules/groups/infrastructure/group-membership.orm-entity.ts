import { EntitySchema } from 'typeorm';
import type { ColumnTypes, StoredTimestamp } from '../../../database/column-types';

/** A user's membership of a group. */
export class GroupMembershipOrmEntity {
  id!: string;
  group_id!: string;
  user_id!: string;
  created_at!: StoredTimestamp;
}

export function groupMembershipSchema(types: ColumnTypes): EntitySchema<GroupMembershipOrmEntity> {
  return new EntitySchema<GroupMembershipOrmEntity>({
    name: 'group_memberships',
    tableName: 'group_memberships',
    target: GroupMembershipOrmEntity,
    columns: {
      id: { ...types.uuid, primary: true },
      group_id: types.uuid,
      user_id: types.uuid,
      created_at: types.timestamp,
    },
    indices: [
      { name: 'group_memberships_group_user_key', columns: ['group_id', 'user_id'], unique: true },
      // The actor's own groups, for the permissions that group roles grant.
      { name: 'group_memberships_user_idx', columns: ['user_id', 'group_id'] },
    ],
    foreignKeys: [
      { target: 'groups', columnNames: ['group_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      { target: 'users', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}
