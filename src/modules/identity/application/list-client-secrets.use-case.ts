import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { ClientSecret } from '../domain/universal-auth';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { UniversalAuthAccess } from './universal-auth-access';

/** The client secrets of an identity that are not revoked, newest first (expired and used-up ones included). */
@Injectable()
export class ListClientSecretsUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute(identityId: string, context: RequestContext): Promise<ClientSecret[]> {
    const universalAuth = await this.access.forCredentials(context.actor, 'read', identityId, 'listSecrets');
    return this.universalAuths.listSecrets(universalAuth.id);
  }
}
