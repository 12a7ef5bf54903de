import type { AuditEvent } from '../../audit/domain/audit-event';
import type { Identity } from './identity';
import type { UniversalAuth } from './universal-auth';
import type { IssuedAccessToken, LoginCandidate, NewAccessToken } from './universal-auth.repository';

export function identityEvent(type: 'create-identity' | 'update-identity', identity: Identity): AuditEvent {
  return { type, metadata: { identityId: identity.id, name: identity.name, hasDeleteProtection: identity.hasDeleteProtection } };
}

export function identityDeletedEvent(identity: Identity): AuditEvent {
  return { type: 'delete-identity', metadata: { identityId: identity.id } };
}

/** The settings of an identity's Universal Auth, as attached or updated. */
export function universalAuthEvent(type: 'add-identity-universal-auth' | 'update-identity-universal-auth', ua: UniversalAuth): AuditEvent {
  const { identityId, accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit } = ua;
  return { type, metadata: { identityId, accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit } };
}

export function universalAuthDetachedEvent(ua: UniversalAuth): AuditEvent {
  return { type: 'revoke-identity-universal-auth', metadata: { identityId: ua.identityId } };
}

export function clientSecretEvent(
  type: 'create-identity-universal-auth-client-secret' | 'revoke-identity-universal-auth-client-secret',
  identityId: string,
  clientSecretId: string,
): AuditEvent {
  return { type, metadata: { identityId, clientSecretId } };
}

export function loginEvent(candidate: LoginCandidate, secretId: string, token: NewAccessToken): AuditEvent {
  return {
    type: 'login-identity-universal-auth',
    metadata: {
      identityId: candidate.identityId,
      clientSecretId: secretId,
      identityAccessTokenId: token.id,
      identityUniversalAuthId: candidate.universalAuth.id,
    },
  };
}

export function accessTokenRevokedEvent(token: IssuedAccessToken): AuditEvent {
  return { type: 'revoke-identity-access-token', metadata: { identityId: token.identityId, identityAccessTokenId: token.id } };
}
