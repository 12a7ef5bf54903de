import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupNotFoundError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';
import { type GroupUsersCriteria, type GroupUsersPage, GroupUsersQuery } from './group-users.query';

export interface ListGroupUsersQuery {
  readonly groupId: string;
  readonly criteria: GroupUsersCriteria;
}

/** A page of the organization's users with whether each belongs to the group. */
@Injectable()
export class ListGroupUsersUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly groupUsers: GroupUsersQuery,
    private readonly permissions: PermissionService,
  ) {}

  async execute(query: ListGroupUsersQuery, context: RequestContext): Promise<GroupUsersPage> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'groups');
    const group = await this.groups.findById(actor.orgId, query.groupId);
    if (!group) throw new GroupNotFoundError(query.groupId);
    return this.groupUsers.page(group, query.criteria);
  }
}
