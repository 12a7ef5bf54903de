import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { ClientSecret } from '../domain/universal-auth';
import { ClientSecretNotFoundError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { UniversalAuthAccess } from './universal-auth-access';

export interface ClientSecretQuery {
  readonly identityId: string;
  readonly clientSecretId: string;
}

/** One client secret of an identity, not revoked. */
@Injectable()
export class GetClientSecretUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute({ identityId, clientSecretId }: ClientSecretQuery, context: RequestContext): Promise<ClientSecret> {
    const universalAuth = await this.access.forCredentials(context.actor, 'read', identityId, 'getSecret');
    const secret = await this.universalAuths.findSecret(universalAuth.id, clientSecretId);
    if (!secret) throw new ClientSecretNotFoundError(clientSecretId);
    return secret;
  }
}
