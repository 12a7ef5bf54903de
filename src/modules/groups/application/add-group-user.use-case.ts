import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import {
  GroupMemberAlreadyExistsError,
  GroupNotFoundError,
  MembershipTargetDeletedError,
  missingAddMembersError,
  UserNotFoundError,
} from '../domain/group-errors';
import type { GroupUser } from '../domain/group-user';
import { GroupRepository } from '../domain/group.repository';

export interface AddGroupUserCommand {
  readonly groupId: string;
  readonly username: string;
}

/** Adds a member of the organization to a group, with the checks in the order of Remove Group User. */
@Injectable()
export class AddGroupUserUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: AddGroupUserCommand, context: RequestContext): Promise<GroupUser> {
    const { actor } = context;
    await this.permissions.assert(actor, 'edit', 'groups');
    const { group, user } = await this.groups.findGroupAndOrgMember(actor.orgId, command.groupId, command.username);
    if (!group) throw new GroupNotFoundError(command.groupId);
    group.assertMembershipsEditable();
    if (!(await this.permissions.can(actor, 'add-members', 'groups'))) throw missingAddMembersError();
    if (!user) throw new UserNotFoundError(command.username);
    // The insert decides: of concurrent identical additions exactly one succeeds.
    const added = await this.groups.addMember(group.addMember(user), context).catch((error: unknown) => {
      if (!(error instanceof MembershipTargetDeletedError)) throw error;
      throw error.target === 'group' ? new GroupNotFoundError(command.groupId) : new UserNotFoundError(command.username);
    });
    if (!added) throw new GroupMemberAlreadyExistsError(command.username, group.slug);
    return user;
  }
}
