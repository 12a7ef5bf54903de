import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupMemberNotFoundError, GroupNotFoundError, missingRemoveMembersError, UserNotFoundError } from '../domain/group-errors';
import type { GroupUser } from '../domain/group-user';
import { GroupRepository } from '../domain/group.repository';

export interface RemoveGroupUserCommand {
  readonly groupId: string;
  readonly username: string;
}

/** Removes a user from a group, with the checks in the order docs/contract.md gives (Remove Group User). */
@Injectable()
export class RemoveGroupUserUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: RemoveGroupUserCommand, context: RequestContext): Promise<GroupUser> {
    const { actor } = context;
    await this.permissions.assert(actor, 'edit', 'groups');
    const { group, user } = await this.groups.findGroupAndOrgMember(actor.orgId, command.groupId, command.username);
    if (!group) throw new GroupNotFoundError(command.groupId);
    group.assertMembershipsEditable();
    if (!(await this.permissions.can(actor, 'remove-members', 'groups'))) throw missingRemoveMembersError();
    if (!user) throw new UserNotFoundError(command.username);
    // The delete's row count decides: of concurrent identical removals exactly one succeeds.
    if (!(await this.groups.removeMember(group.removeMember(user), context))) {
      throw new GroupMemberNotFoundError(command.username, group.slug);
    }
    return user;
  }
}
