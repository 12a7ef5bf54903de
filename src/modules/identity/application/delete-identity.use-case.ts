import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import type { Identity } from '../domain/identity';
import { IdentityDeleteProtectedError, IdentityNotFoundError } from '../domain/identity-errors';
import { IdentityRepository } from '../domain/identity.repository';

/** Deletes a machine identity of the actor's organization, with its credentials, tokens and group memberships. */
@Injectable()
export class DeleteIdentityUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(identityId: string, context: RequestContext): Promise<Identity> {
    const { actor } = context;
    await this.permissions.assert(actor, 'delete', 'identity');
    const identity = await this.identities.findInOrg(actor.orgId, identityId);
    if (!identity) throw new IdentityNotFoundError(identityId);
    if (identity.hasDeleteProtection) throw new IdentityDeleteProtectedError();
    if (await this.identities.delete(identity, context)) return identity;
    // Deleted meanwhile, or protected meanwhile: the delete changed nothing, say which.
    const now = await this.identities.findInOrg(actor.orgId, identityId);
    if (now?.hasDeleteProtection) throw new IdentityDeleteProtectedError();
    throw new IdentityNotFoundError(identityId);
  }
}
