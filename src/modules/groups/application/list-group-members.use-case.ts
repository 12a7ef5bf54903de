import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';
import { type GroupMembersCriteria, type GroupMembersPage, GroupMembersQuery } from './group-members.query';

/** A page of a group's members, users and machine identities together. */
@Injectable()
export class ListGroupMembersUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly groupMembers: GroupMembersQuery,
    private readonly permissions: PermissionService,
  ) {}

  async execute(groupId: string, criteria: GroupMembersCriteria, context: RequestContext): Promise<GroupMembersPage> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'groups');
    const group = await this.groups.findById(actor.orgId, groupId);
    if (!group) throw new GroupNotFoundError(groupId);
    return this.groupMembers.page(group, criteria);
  }
}
