import { AppError, PermissionBoundaryError } from '../../../common/errors/app-error';
import { AuthenticationError } from '../authentication-errors';

export class UniversalAuthAlreadyAttachedError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'UNIVERSAL_AUTH_ALREADY_ATTACHED';
  constructor() {
    super('Failed to add universal auth to already configured identity');
  }
}

/** GET and PATCH of a configuration that is not there. */
export class UniversalAuthNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'UNIVERSAL_AUTH_NOT_FOUND';
  constructor(identityId: string) {
    super(`Failed to find universal auth for identity with ID ${identityId}`);
  }
}

/** Detach and the client-secret routes on an identity without Universal Auth. */
export class UniversalAuthMissingError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'UNIVERSAL_AUTH_MISSING';
  constructor() {
    super('The identity does not have universal auth');
  }
}

export class TrustedIpsNotSupportedError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'TRUSTED_IPS_NOT_SUPPORTED';
  constructor() {
    super('IP restrictions are not supported: trusted IPs must be 0.0.0.0/0 or ::/0');
  }
}

/** An update that gives one TTL whose value crosses the stored other one. */
export class AccessTokenTtlAboveMaxError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'ACCESS_TOKEN_TTL_ABOVE_MAX';
  constructor() {
    super('Access token TTL cannot be greater than max TTL');
  }
}

/** Also the answer for a revoked secret: revoked secrets are gone for the API. */
export class ClientSecretNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'CLIENT_SECRET_NOT_FOUND';
  constructor(clientSecretId: string) {
    super(`Failed to find client secret with ID ${clientSecretId}`);
  }
}

/** The boundary action of each route that hands out or takes away an identity's credentials. */
export const CREDENTIAL_BOUNDARIES = {
  detach: { action: 'revoke-auth', message: 'Failed to revoke universal auth of identity with more privileged role' },
  createSecret: { action: 'create-token', message: 'Failed to create client secret for identity' },
  listSecrets: { action: 'get-token', message: 'Failed to get identity client secret with more privileged role' },
  getSecret: { action: 'get-token', message: 'Failed to read identity client secret of identity with more privileged role' },
  revokeSecret: { action: 'delete-token', message: 'Failed to revoke identity client secret with more privileged role' },
} as const;

export type CredentialOperation = keyof typeof CREDENTIAL_BOUNDARIES;

export function credentialBoundaryError(operation: CredentialOperation): PermissionBoundaryError {
  const { action, message } = CREDENTIAL_BOUNDARIES[operation];
  return new PermissionBoundaryError(`${message}. Actor is missing permission ${action} on identity`, [{ action, subject: 'identity' }]);
}

/** One answer for every cause (unknown client id, wrong or revoked secret, another organization): nothing to probe. */
export const invalidCredentials = () => new AuthenticationError('Invalid credentials');
export const expiredClientSecret = () => new AuthenticationError('Access denied due to expired client secret');
export const clientSecretUsedUp = () => new AuthenticationError('Access denied due to client secret usage limit reached');
export const noAccessTokenFound = () => new AuthenticationError('No identity access token found');
