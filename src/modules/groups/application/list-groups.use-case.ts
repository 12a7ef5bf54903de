import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import type { Group } from '../domain/group';
import { GroupRepository } from '../domain/group.repository';

/** The groups of the actor's organization, ordered by name. */
@Injectable()
export class ListGroupsUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(context: RequestContext): Promise<Group[]> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'groups');
    return this.groups.findAllInOrg(actor.orgId);
  }
}
