import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/errors/app-error';
import type { ServiceRequest } from '../../common/pipeline/request-id';
import { AppLogger } from '../../common/logging/logger';
import type { Actor, ActorType } from '../../common/request-context';
import { BatchedLookup } from '../../database/batched-lookup';
import { byListRow, Database } from '../../database/database';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthenticationError, MalformedAuthorizationHeaderError } from './authentication-errors';
import { AUTHENTICATES, IS_PUBLIC, OWN_AUTHENTICATION } from './public.decorator';
import { bearerTokenHash } from './token-hash';

export interface TokenRow {
  n: number | string;
  actor_type: ActorType;
  token_id: string;
  expires_at: unknown;
  revoked_at: unknown;
  actor_id: string;
  actor_name: string;
  org_id: string;
  role: string;
  /** An identity token's use limit (0: none); always 0 for a user's token. */
  num_uses_limit: number | string;
}

/** The request as the guard reads it: with its token's row when `UnknownTokenRefusal` found it before routing. */
export interface BearerRequest extends ServiceRequest {
  foundToken?: TokenRow;
}

const USE_LIMITED_TOKEN_SQL = 'UPDATE identity_access_tokens SET num_uses = num_uses + 1 WHERE id = $1 AND num_uses < num_uses_limit';

/** `last_used_at` is a hint, not a log: written at most this often per token, off the request's path. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). The token, found by its
 * hash, names a user in an organization, or a machine identity (which belongs to one): that is the
 * actor of the request (a user's membership only while it is active). Routes marked
 * @PublicAuthentication() take credentials in their body; they are
 * refused here only while the client's IP is blocked for failed authentications.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  /** The Express routes this guard has checked a bearer token for: those `UnknownTokenRefusal` may refuse before routing. */
  readonly bearerRoutes = new WeakSet<object>();
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
    // Both kinds of token in one round trip: a hash is in at most one of the two tables.
    const hashes = database.listsTable('h', [['token_hash', 'text']], 1);
    this.findTokensSql = `SELECT h.n, 'user' AS actor_type, t.id AS token_id, t.expires_at, t.revoked_at, u.id AS actor_id, u.username AS actor_name,
              m.org_id, m.role, 0 AS num_uses_limit
         FROM ${hashes}
         JOIN access_tokens t ON t.token_hash = h.token_hash
         JOIN users u ON u.id = t.user_id
         JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id AND m.active
       UNION ALL
       SELECT h.n, 'identity', t.id, t.expires_at, t.revoked_at, i.id, i.name, i.org_id, i.role, t.num_uses_limit
         FROM ${hashes}
         JOIN identity_access_tokens t ON t.token_hash = h.token_hash
         JOIN identities i ON i.id = t.identity_id`;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATES, targets))
        this.authFailures.assertAllowed(context.switchToHttp().getRequest<ServiceRequest>());
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(OWN_AUTHENTICATION, targets)) return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    this.bearerRoutes.add(request.route as object);
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

  /** The token of this hash, if anyone has it; looked up together with the tokens of the requests under way. */
  findToken(tokenHash: string): Promise<TokenRow | undefined> {
    return this.tokens.get(tokenHash);
  }

  private async authenticate(request: BearerRequest): Promise<Actor> {
    const tokenHash = bearerTokenHash(request);
    if (tokenHash === undefined) throw new MalformedAuthorizationHeaderError();
    const row = request.foundToken ?? (await this.findToken(tokenHash));
    if (!row) throw new AuthenticationError('Invalid token');
    if (row.revoked_at !== null) throw new AuthenticationError('Token has been revoked');
    if (row.expires_at !== null && new Date(row.expires_at as string | Date).getTime() <= Date.now()) {
      throw new AuthenticationError('Token has expired');
    }
    if (row.actor_type === 'user') this.recordUse(row.token_id);
    else if (Number(row.num_uses_limit) > 0 && !(await this.useLimitedToken(row.token_id))) throw new AuthenticationError('Token usage limit reached');
    return { type: row.actor_type, id: row.actor_id, name: row.actor_name, orgId: row.org_id, orgRole: row.role };
  }

  /**
   * Counts one use of an identity token that has a use limit; false once it has been used up. The
   * database settles it: of concurrent requests with a token of limit N, exactly N get true.
   */
  private useLimitedToken(tokenId: string): Promise<boolean> {
    return this.database.write([{ sql: USE_LIMITED_TOKEN_SQL, params: [tokenId], mustChange: true }]);
  }

  private async findTokens(hashes: readonly string[]): Promise<(TokenRow | undefined)[]> {
    return byListRow(await this.database.queryShort<TokenRow>(this.findTokensSql, [hashes]), hashes.length);
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
