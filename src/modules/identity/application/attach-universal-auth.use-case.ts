import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { DEFAULT_UNIVERSAL_AUTH_SETTINGS, isOpenRange, type UniversalAuth, type UniversalAuthSettings } from '../domain/universal-auth';
import { TrustedIpsNotSupportedError, UniversalAuthAlreadyAttachedError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { UniversalAuthAccess } from './universal-auth-access';

export interface TrustedIps {
  readonly clientSecretTrustedIps?: readonly { ipAddress: string }[];
  readonly accessTokenTrustedIps?: readonly { ipAddress: string }[];
}

export interface AttachUniversalAuthCommand extends Partial<UniversalAuthSettings>, TrustedIps {
  readonly identityId: string;
}

/** Only the open ranges are accepted: IP restrictions are not supported. */
export function assertOpenTrustedIps({ clientSecretTrustedIps = [], accessTokenTrustedIps = [] }: TrustedIps): void {
  if (![...clientSecretTrustedIps, ...accessTokenTrustedIps].every(({ ipAddress }) => isOpenRange(ipAddress))) throw new TrustedIpsNotSupportedError();
}

/** Attaches Universal Auth to an identity of the actor's organization, with a new client id. */
@Injectable()
export class AttachUniversalAuthUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute(command: AttachUniversalAuthCommand, context: RequestContext): Promise<UniversalAuth> {
    await this.access.identity(context.actor, 'create', command.identityId);
    if (await this.universalAuths.findByIdentity(command.identityId)) throw new UniversalAuthAlreadyAttachedError();
    assertOpenTrustedIps(command);
    const now = new Date().toISOString();
    const universalAuth: UniversalAuth = {
      id: randomUUID(),
      identityId: command.identityId,
      clientId: randomUUID(),
      accessTokenTTL: command.accessTokenTTL ?? DEFAULT_UNIVERSAL_AUTH_SETTINGS.accessTokenTTL,
      accessTokenMaxTTL: command.accessTokenMaxTTL ?? DEFAULT_UNIVERSAL_AUTH_SETTINGS.accessTokenMaxTTL,
      accessTokenNumUsesLimit: command.accessTokenNumUsesLimit ?? DEFAULT_UNIVERSAL_AUTH_SETTINGS.accessTokenNumUsesLimit,
      createdAt: now,
      updatedAt: now,
    };
    // The unique configuration per identity settles concurrent attaches.
    if (!(await this.universalAuths.attach(universalAuth, context))) throw new UniversalAuthAlreadyAttachedError();
    return universalAuth;
  }
}
