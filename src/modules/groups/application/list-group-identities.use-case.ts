import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';
import { type GroupIdentitiesCriteria, type GroupIdentitiesPage, GroupIdentitiesQuery } from './group-identities.query';

/** A page of the organization's machine identities with whether each belongs to the group. */
@Injectable()
export class ListGroupIdentitiesUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly groupIdentities: GroupIdentitiesQuery,
    private readonly permissions: PermissionService,
  ) {}

  async execute(groupId: string, criteria: GroupIdentitiesCriteria, context: RequestContext): Promise<GroupIdentitiesPage> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'groups');
    const group = await this.groups.findById(actor.orgId, groupId);
    if (!group) throw new GroupNotFoundError(groupId);
    return this.groupIdentities.page(group, criteria);
  }
}
