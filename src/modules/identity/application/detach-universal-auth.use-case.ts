import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { UniversalAuth } from '../domain/universal-auth';
import { UniversalAuthMissingError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { UniversalAuthAccess } from './universal-auth-access';

/** Removes an identity's Universal Auth with its client secrets and the access tokens they obtained. */
@Injectable()
export class DetachUniversalAuthUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute(identityId: string, context: RequestContext): Promise<UniversalAuth> {
    const universalAuth = await this.access.forCredentials(context.actor, 'edit', identityId, 'detach');
    if (!(await this.universalAuths.detach(universalAuth, context))) throw new UniversalAuthMissingError();
    return universalAuth;
  }
}
