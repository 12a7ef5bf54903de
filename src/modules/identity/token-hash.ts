import { createHash, randomBytes } from 'node:crypto';

/** Tokens are stored only as this hash; a high-entropy token needs no slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new bearer token: 32 random bytes, URL-safe. */
export function generateToken(): string {
  return 'gat_' + randomBytes(32).toString('base64url');
}
