import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import type { Group } from '../domain/group';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';

export interface GetGroupQuery {
  readonly groupId: string;
}

/** One group of the actor's organization. */
@Injectable()
export class GetGroupUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(query: GetGroupQuery, context: RequestContext): Promise<Group> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'groups');
    const group = await this.groups.findById(actor.orgId, query.groupId);
    if (!group) throw new GroupNotFoundError(query.groupId);
    return group;
  }
}
