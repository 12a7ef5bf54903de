import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupIdentityNotFoundError, GroupIdentityNotInOrgError, GroupNotFoundError, missingRemoveIdentitiesError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';
import type { GroupIdentityCommand } from './add-group-identity.use-case';

/** Removes a machine identity from a group, with the checks in the order of Remove Group User. */
@Injectable()
export class RemoveGroupIdentityUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: GroupIdentityCommand, context: RequestContext): Promise<{ id: string }> {
    const { actor } = context;
    await this.permissions.assert(actor, 'edit', 'groups');
    const { group, identity } = await this.groups.findGroupAndOrgIdentity(actor.orgId, command.groupId, command.identityId);
    if (!group) throw new GroupNotFoundError(command.groupId);
    group.assertMembershipsEditable();
    if (!(await this.permissions.can(actor, 'remove-identities', 'groups'))) throw missingRemoveIdentitiesError();
    if (!identity) throw new GroupIdentityNotInOrgError(command.identityId);
    // The delete's row count decides: of concurrent identical removals exactly one succeeds.
    if (!(await this.groups.removeIdentity(group.removeIdentity(identity), context))) throw new GroupIdentityNotFoundError(group.slug);
    return { id: identity.id };
  }
}
