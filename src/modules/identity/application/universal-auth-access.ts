import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import type { Identity } from '../domain/identity';
import { IdentityNotFoundError } from '../domain/identity-errors';
import type { UniversalAuth } from '../domain/universal-auth';
import {
  CREDENTIAL_BOUNDARIES,
  credentialBoundaryError,
  type CredentialOperation,
  UniversalAuthMissingError,
  UniversalAuthNotFoundError,
} from '../domain/universal-auth-errors';
import { IdentityRepository } from '../domain/identity.repository';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';

/**
 * The checks every Universal Auth route makes, in their order: the permission, the identity in the
 * actor's organization, then whether Universal Auth is attached (each route says how its absence is
 * answered), then the boundary action of the routes that hand out or take away credentials.
 */
@Injectable()
export class UniversalAuthAccess {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly universalAuths: UniversalAuthRepository,
    private readonly permissions: PermissionService,
  ) {}

  /** Checks 3 and 4: the permission, then the identity. */
  async identity(actor: Actor, action: string, identityId: string): Promise<Identity> {
    await this.permissions.assert(actor, action, 'identity');
    const identity = await this.identities.findInOrg(actor.orgId, identityId);
    if (!identity) throw new IdentityNotFoundError(identityId, 'ID');
    return identity;
  }

  /** Checks 3 to 5 of GET and PATCH: a missing configuration is a 404. */
  async attached(actor: Actor, action: string, identityId: string): Promise<UniversalAuth> {
    await this.identity(actor, action, identityId);
    const universalAuth = await this.universalAuths.findByIdentity(identityId);
    if (!universalAuth) throw new UniversalAuthNotFoundError(identityId);
    return universalAuth;
  }

  /** Checks 3 to 6 of detach and the client-secret routes: a missing configuration is a 400, then the boundary action. */
  async forCredentials(actor: Actor, action: string, identityId: string, operation: CredentialOperation): Promise<UniversalAuth> {
    await this.identity(actor, action, identityId);
    const universalAuth = await this.universalAuths.findByIdentity(identityId);
    if (!universalAuth) throw new UniversalAuthMissingError();
    if (!(await this.permissions.can(actor, CREDENTIAL_BOUNDARIES[operation].action, 'identity'))) throw credentialBoundaryError(operation);
    return universalAuth;
  }
}
