import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import type { Group, GroupChanges } from '../domain/group';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';
import { assertRoleGrantable } from './assert-role-grantable';

export interface UpdateGroupCommand {
  readonly groupId: string;
  readonly changes: GroupChanges;
}

/** Renames a group, changes its slug or its role. An update that changes nothing writes nothing. */
@Injectable()
export class UpdateGroupUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: UpdateGroupCommand, context: RequestContext): Promise<Group> {
    const { actor } = context;
    await this.permissions.assert(actor, 'edit', 'groups');
    const group = await this.groups.findById(actor.orgId, command.groupId);
    if (!group) throw new GroupNotFoundError(command.groupId);
    const edited = group.edit(command.changes, new Date().toISOString());
    if (!edited) return group;
    if (edited.role !== group.role) await assertRoleGrantable(this.permissions, actor, edited.role, 'update');
    // Deleted since it was read: the update found nothing to change.
    if (!(await this.groups.update(group, edited, context))) throw new GroupNotFoundError(command.groupId);
    return edited;
  }
}
