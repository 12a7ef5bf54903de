import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/errors/app-error';
import type { ServiceRequest } from '../../common/http/request-id';
import { AppLogger } from '../../common/logging/logger';
import type { Actor } from '../../common/request-context';
import { BatchedLookup } from '../../database/batched-lookup';
import { byListRow, Database } from '../../database/database';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthenticationError, MalformedAuthorizationHeaderError } from './authentication-errors';
import { IS_PUBLIC, OWN_AUTHENTICATION } from './public.decorator';
import { bearerTokenHash } from './token-hash';

interface TokenRow {
  n: number | string;
  token_id: string;
  expires_at: unknown;
  revoked_at: unknown;
  user_id: string;
  username: string;
  org_id: string;
  role: string;
}

/** `last_used_at` is a hint, not a log: written at most this often per token, off the request's path. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). The token, found by its
 * hash, names a user in an organization; that membership, while active, is the actor of the request.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly lastUsedWritten = new Map<string, number>();
  /** The tokens of the requests that arrive together, found in one query. */
  private readonly tokens = new BatchedLookup((hashes: readonly string[]) => this.findTokens(hashes));
  /** The statement of `findTokens`, written once for the database's dialect. */
  private readonly findTokensSql: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly database: Database,
    private readonly logger: AppLogger,
    private readonly authFailures: AuthFailureLimiter,
  ) {
    this.findTokensSql = `SELECT h.n, t.id AS token_id, t.expires_at, t.revoked_at, u.id AS user_id, u.username, m.org_id, m.role
       FROM ${database.listsTable('h', [['token_hash', 'text']], 1)}
       JOIN access_tokens t ON t.token_hash = h.token_hash
       JOIN users u ON u.id = t.user_id
       JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id AND m.active`;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(OWN_AUTHENTICATION, targets)) return true;
    const request = context.switchToHttp().getRequest<ServiceRequest>();
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') throw new AuthenticationError('Token missing');
    this.authFailures.assertAllowed(request);
    try {
      request.actor = await this.authenticate(request);
    } catch (error) {
      // A refused credential counts; a database outage does not.
      if (error instanceof AppError) await this.authFailures.recordFailure(request);
      throw error;
    }
    return true;
  }

  private async authenticate(request: ServiceRequest): Promise<Actor> {
    const tokenHash = bearerTokenHash(request);
    if (tokenHash === undefined) throw new MalformedAuthorizationHeaderError();
    const row = await this.tokens.get(tokenHash);
    if (!row) throw new AuthenticationError('Invalid token');
    if (row.revoked_at !== null) throw new AuthenticationError('Token has been revoked');
    if (row.expires_at !== null && new Date(row.expires_at as string | Date).getTime() <= Date.now()) {
      throw new AuthenticationError('Token has expired');
    }
    this.recordUse(row.token_id);
    return { userId: row.user_id, username: row.username, orgId: row.org_id, orgRole: row.role };
  }

  private async findTokens(hashes: readonly string[]): Promise<(TokenRow | undefined)[]> {
    const rows = await this.database.query<TokenRow>(this.findTokensSql, [hashes]);
    return byListRow(rows, hashes.length);
  }

  private recordUse(tokenId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(tokenId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(tokenId, now);
    this.database
      .execute('UPDATE access_tokens SET last_used_at = $1 WHERE id = $2', [new Date(now).toISOString(), tokenId])
      .catch((error: unknown) => this.logger.pino.warn({ err: error }, 'could not record token use'));
  }
}
