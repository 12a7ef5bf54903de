import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AppLogger } from '../../../common/logging/logger';
import { BatchedLookup } from '../../../database/batched-lookup';
import { byListRow, Database } from '../../../database/database';
import { AuthFailureLimiter } from '../../identity/auth-failure-limiter';
import { bearerTokenHash } from '../../identity/token-hash';
import { ScimError } from '../domain/scim-error';
import type { ScimRequest } from './scim-http';

interface ScimTokenRow {
  n: number | string;
  id: string;
  org_id: string;
  expires_at: unknown;
}

/** `last_used_at` is a hint: written at most this often per token, off the request's path. */
const LAST_USED_RESOLUTION_MS = 60_000;

const unauthorized = (detail: string) => new ScimError(401, detail, undefined, { 'WWW-Authenticate': 'Bearer' });

/**
 * The SCIM routes' own authentication: `Authorization: Bearer <SCIM token>`, found by its hash among
 * the SCIM tokens only, so that a user's or an identity's token never opens them (and the regular
 * guard never accepts a SCIM token). The token's organization is the scope of the request. Refused
 * tokens count toward the client IP's failed authentications, as on the regular API, so that guessing
 * SCIM tokens is throttled alike; a blocked IP gets 429 whatever it sends.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly tokens = new BatchedLookup((hashes: readonly string[]) => this.findTokens(hashes));
  private readonly findTokensSql: string;

  constructor(
    private readonly database: Database,
    private readonly logger: AppLogger,
    private readonly authFailures: AuthFailureLimiter,
  ) {
    this.findTokensSql = `SELECT h.n, t.id, t.org_id, t.expires_at
       FROM ${database.listsTable('h', [['token_hash', 'text']], 1)} JOIN scim_tokens t ON t.token_hash = h.token_hash`;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    this.authFailures.assertAllowed(request);
    try {
      request.scimClient = await this.authenticate(request);
    } catch (error) {
      // A refused credential counts; a database outage does not.
      if (error instanceof ScimError) await this.authFailures.recordFailure(request);
      throw error;
    }
    return true;
  }

  private async authenticate(request: ScimRequest): Promise<NonNullable<ScimRequest['scimClient']>> {
    if ((request.headers.authorization ?? '').trim() === '') throw unauthorized('A SCIM token is required');
    const tokenHash = bearerTokenHash(request);
    if (tokenHash === undefined) throw unauthorized('The Authorization header must have the form "Bearer <SCIM token>"');
    const row = await this.tokens.get(tokenHash);
    if (!row) throw unauthorized('Invalid SCIM token');
    if (row.expires_at !== null && new Date(row.expires_at as string | Date).getTime() <= Date.now()) throw unauthorized('The SCIM token has expired');
    this.recordUse(row.id);
    return { scimTokenId: row.id, orgId: row.org_id };
  }

  private async findTokens(hashes: readonly string[]): Promise<(ScimTokenRow | undefined)[]> {
    return byListRow(await this.database.query<ScimTokenRow>(this.findTokensSql, [hashes]), hashes.length);
  }

  private recordUse(tokenId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(tokenId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(tokenId, now);
    this.database
      .execute('UPDATE scim_tokens SET last_used_at = $1 WHERE id = $2', [new Date(now).toISOString(), tokenId])
      .catch((error: unknown) => this.logger.pino.warn({ err: error }, 'could not record SCIM token use'));
  }
}
