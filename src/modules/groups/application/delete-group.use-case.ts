import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import type { Group } from '../domain/group';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';

export interface DeleteGroupCommand {
  readonly groupId: string;
}

/** Deletes a group and its memberships; answers the group as it was. */
@Injectable()
export class DeleteGroupUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: DeleteGroupCommand, context: RequestContext): Promise<Group> {
    const { actor } = context;
    await this.permissions.assert(actor, 'delete', 'groups');
    const group = await this.groups.findById(actor.orgId, command.groupId);
    // The delete's row count decides: of concurrent deletes exactly one succeeds.
    if (!group || !(await this.groups.delete(group, context))) throw new GroupNotFoundError(command.groupId);
    return group;
  }
}
