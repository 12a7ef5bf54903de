import { hash, randomBytes } from 'node:crypto';
import type { ServiceRequest } from '../../common/pipeline/request-id';

const BEARER = /^Bearer +(\S+) *$/i;

/** Tokens are stored only as this hash; a high-entropy token needs no slow hash. One-shot: no Hash object per request. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** A new bearer token: 32 random bytes, URL-safe. */
export function generateToken(): string {
  return 'gat_' + randomBytes(32).toString('base64url');
}

/**
 * The hash of the request's `Authorization: Bearer <token>`, undefined when the header has another
 * form. Computed once per request: the rate limit and the authentication both key on it.
 */
export function bearerTokenHash(request: ServiceRequest): string | undefined {
  if (request.tokenHash === undefined) {
    const match = BEARER.exec(request.headers.authorization ?? '');
    request.tokenHash = match ? hashToken(match[1]) : null;
  }
  return request.tokenHash ?? undefined;
}
