import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, RequestTrace } from '../../../common/request-context';
import { hashToken } from '../token-hash';
import { clientSecretUsedUp, expiredClientSecret, invalidCredentials } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';

export interface LoginCommand {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The organization selectors given (organizationSlug, subOrganizationName): each must be the slug of the identity's organization. */
  readonly organizationSlugs: readonly string[];
}

export interface LoginResult {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly accessTokenMaxTTL: number;
  readonly tokenType: 'Bearer';
}

/** An identity access token: 256 random bits, URL-safe, opaque (never a JWT). */
export function generateIdentityAccessToken(): string {
  return 'gia_' + randomBytes(32).toString('base64url');
}

/**
 * Exchanges a client id and secret for a new access token. Every refusal is a 401 that the caller
 * counts as a failed authentication; the database settles the secret's use limit.
 */
@Injectable()
export class LoginUniversalAuthUseCase {
  constructor(private readonly universalAuths: UniversalAuthRepository) {}

  async execute(command: LoginCommand, trace: RequestTrace): Promise<LoginResult> {
    const candidate = await this.universalAuths.findLoginCandidate(command.clientId, hashToken(command.clientSecret));
    const { secret } = candidate ?? {};
    if (!candidate || !secret || !command.organizationSlugs.every((slug) => slug === candidate.orgSlug)) throw invalidCredentials();
    if (secret.expired) throw expiredClientSecret();
    if (secret.numUsesLimit > 0 && secret.numUses >= secret.numUsesLimit) throw clientSecretUsedUp();

    const { universalAuth } = candidate;
    const accessToken = generateIdentityAccessToken();
    const now = new Date();
    const token = {
      id: randomUUID(),
      tokenHash: hashToken(accessToken),
      expiresAt: universalAuth.accessTokenTTL > 0 ? new Date(now.getTime() + universalAuth.accessTokenTTL * 1000).toISOString() : null,
      createdAt: now.toISOString(),
    };
    const actor: Actor = { type: 'identity', id: candidate.identityId, name: candidate.identityName, orgId: candidate.orgId, orgRole: candidate.orgRole };
    if (!(await this.universalAuths.login(candidate, secret.id, token, { actor, ...trace }))) {
      // Another login used it up, or it was revoked or expired, since it was read.
      const refusal = await this.universalAuths.secretRefusal(secret.id);
      throw refusal === 'revoked' ? invalidCredentials() : refusal === 'expired' ? expiredClientSecret() : clientSecretUsedUp();
    }
    return { accessToken, expiresIn: universalAuth.accessTokenTTL, accessTokenMaxTTL: universalAuth.accessTokenMaxTTL, tokenType: 'Bearer' };
  }
}
