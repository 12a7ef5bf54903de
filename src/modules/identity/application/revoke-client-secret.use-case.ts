import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { ClientSecret } from '../domain/universal-auth';
import { ClientSecretNotFoundError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import type { ClientSecretQuery } from './get-client-secret.use-case';
import { UniversalAuthAccess } from './universal-auth-access';

/** Revokes a client secret: it logs in no more; the tokens it obtained stay valid. */
@Injectable()
export class RevokeClientSecretUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute({ identityId, clientSecretId }: ClientSecretQuery, context: RequestContext): Promise<ClientSecret> {
    const universalAuth = await this.access.forCredentials(context.actor, 'delete', identityId, 'revokeSecret');
    const secret = await this.universalAuths.findSecret(universalAuth.id, clientSecretId);
    // The update decides: of concurrent revocations exactly one succeeds.
    if (!secret || !(await this.universalAuths.revokeSecret(identityId, secret, context))) throw new ClientSecretNotFoundError(clientSecretId);
    return { ...secret, revoked: true, updatedAt: new Date().toISOString() };
  }
}
