import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import type { Identity } from '../domain/identity';
import { IdentityNotFoundError } from '../domain/identity-errors';
import { IdentityRepository } from '../domain/identity.repository';

/** One machine identity of the actor's organization. */
@Injectable()
export class GetIdentityUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(identityId: string, context: RequestContext): Promise<Identity> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'identity');
    const identity = await this.identities.findInOrg(actor.orgId, identityId);
    if (!identity) throw new IdentityNotFoundError(identityId);
    return identity;
  }
}
