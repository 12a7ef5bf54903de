import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { GroupIdentityAlreadyExistsError, GroupIdentityNotInOrgError, GroupNotFoundError, missingAddIdentitiesError } from '../domain/group-errors';
import { GroupRepository } from '../domain/group.repository';

export interface GroupIdentityCommand {
  readonly groupId: string;
  readonly identityId: string;
}

/** Adds a machine identity of the organization to a group, with the checks in the order of the user routes. */
@Injectable()
export class AddGroupIdentityUseCase {
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
    if (!(await this.permissions.can(actor, 'add-identities', 'groups'))) throw missingAddIdentitiesError();
    if (!identity) throw new GroupIdentityNotInOrgError(command.identityId);
    // The insert decides: of concurrent identical additions exactly one succeeds.
    if (!(await this.groups.addIdentity(group.addIdentity(identity), context))) throw new GroupIdentityAlreadyExistsError(group.slug);
    return { id: identity.id };
  }
}
