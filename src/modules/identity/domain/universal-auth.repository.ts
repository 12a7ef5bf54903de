import type { RequestContext } from '../../../common/request-context';
import type { ClientSecret, UniversalAuth } from './universal-auth';

/** What a login presents, as found by client id and secret hash. */
export interface LoginCandidate {
  readonly identityId: string;
  readonly identityName: string;
  readonly orgId: string;
  readonly orgRole: string;
  readonly orgSlug: string;
  readonly universalAuth: UniversalAuth;
  /** Undefined when no secret of this client id, not revoked, has the hash. */
  readonly secret?: ClientSecret & { readonly expired: boolean };
}

/** A new access token, its value known only by its hash. */
export interface NewAccessToken {
  readonly id: string;
  readonly tokenHash: string;
  readonly expiresAt: string | null;
  readonly createdAt: string;
}

/** An identity access token that is not revoked, with its identity. */
export interface IssuedAccessToken {
  readonly id: string;
  readonly identityId: string;
  readonly identityName: string;
  readonly orgId: string;
  readonly orgRole: string;
}

/**
 * What the Universal Auth use cases need from storage. Every change writes its audit-log entry in the
 * same transaction; use limits are settled by the database. It is its own injection token.
 */
export abstract class UniversalAuthRepository {
  abstract findByIdentity(identityId: string): Promise<UniversalAuth | undefined>;

  /** Inserts the configuration and its audit entry; false (nothing written) when the identity already has one. */
  abstract attach(universalAuth: UniversalAuth, context: RequestContext): Promise<boolean>;

  /** Writes the new settings and the audit entry; false when the configuration is gone. */
  abstract update(universalAuth: UniversalAuth, context: RequestContext): Promise<boolean>;

  /** Deletes the configuration with its secrets and the tokens they obtained, and the audit entry; false when it was gone. */
  abstract detach(universalAuth: UniversalAuth, context: RequestContext): Promise<boolean>;

  /** Inserts the secret, known only by its hash, with its audit entry. */
  abstract createSecret(identityId: string, secret: ClientSecret, secretHash: string, context: RequestContext): Promise<void>;

  /** The secrets that are not revoked, newest first. */
  abstract listSecrets(universalAuthId: string): Promise<ClientSecret[]>;

  /** The secret, if it is of this configuration and not revoked. */
  abstract findSecret(universalAuthId: string, secretId: string): Promise<ClientSecret | undefined>;

  /** Revokes the secret with its audit entry; false when it was revoked meanwhile. */
  abstract revokeSecret(identityId: string, secret: ClientSecret, context: RequestContext): Promise<boolean>;

  /** What a login with this client id and secret hash finds; undefined for an unknown client id. */
  abstract findLoginCandidate(clientId: string, secretHash: string): Promise<LoginCandidate | undefined>;

  /**
   * Counts a use of the secret, only while it is unrevoked, unexpired and under its limit, and then
   * inserts the token, records the login on the identity and writes the audit entry: false (nothing
   * written) when the secret could not be used.
   */
  abstract login(candidate: LoginCandidate, secretId: string, token: NewAccessToken, context: RequestContext): Promise<boolean>;

  /** The state of a secret after a refused login: why it could not be used. */
  abstract secretRefusal(secretId: string): Promise<'revoked' | 'expired' | 'used-up'>;

  /** The identity access token with this hash, if it is not revoked. */
  abstract findAccessToken(tokenHash: string): Promise<IssuedAccessToken | undefined>;

  /** Revokes the token with its audit entry; false when it was revoked (or deleted) meanwhile. */
  abstract revokeAccessToken(token: IssuedAccessToken, context: RequestContext): Promise<boolean>;
}
