import { Injectable } from '@nestjs/common';
import type { Actor, RequestTrace } from '../../../common/request-context';
import { hashToken } from '../token-hash';
import { noAccessTokenFound } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';

/** Revokes an identity access token, presented in the body; its identity is the actor of the audit entry. */
@Injectable()
export class RevokeAccessTokenUseCase {
  constructor(private readonly universalAuths: UniversalAuthRepository) {}

  async execute(accessToken: string, trace: RequestTrace): Promise<void> {
    const token = await this.universalAuths.findAccessToken(hashToken(accessToken));
    if (!token) throw noAccessTokenFound();
    const actor: Actor = { type: 'identity', id: token.identityId, name: token.identityName, orgId: token.orgId, orgRole: token.orgRole };
    // The update decides: of concurrent revocations exactly one succeeds.
    if (!(await this.universalAuths.revokeAccessToken(token, { actor, ...trace }))) throw noAccessTokenFound();
  }
}
