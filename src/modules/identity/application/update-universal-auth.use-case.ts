import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { UniversalAuth, UniversalAuthSettings } from '../domain/universal-auth';
import { AccessTokenTtlAboveMaxError, UniversalAuthNotFoundError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { assertOpenTrustedIps, type TrustedIps } from './attach-universal-auth.use-case';
import { UniversalAuthAccess } from './universal-auth-access';

export interface UpdateUniversalAuthCommand extends Partial<UniversalAuthSettings>, TrustedIps {
  readonly identityId: string;
}

/** Changes the settings of an identity's Universal Auth; tokens issued afterwards get them. */
@Injectable()
export class UpdateUniversalAuthUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute(command: UpdateUniversalAuthCommand, context: RequestContext): Promise<UniversalAuth> {
    const current = await this.access.attached(context.actor, 'edit', command.identityId);
    assertOpenTrustedIps(command);
    const updated: UniversalAuth = {
      ...current,
      accessTokenTTL: command.accessTokenTTL ?? current.accessTokenTTL,
      accessTokenMaxTTL: command.accessTokenMaxTTL ?? current.accessTokenMaxTTL,
      accessTokenNumUsesLimit: command.accessTokenNumUsesLimit ?? current.accessTokenNumUsesLimit,
      updatedAt: new Date().toISOString(),
    };
    if (updated.accessTokenTTL > updated.accessTokenMaxTTL) throw new AccessTokenTtlAboveMaxError();
    if (!(await this.universalAuths.update(updated, context))) throw new UniversalAuthNotFoundError(command.identityId);
    return updated;
  }
}
