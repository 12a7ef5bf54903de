import { randomFillSync } from 'node:crypto';
import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Actor, RequestContext } from '../request-context';

const ALPHABET = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'latin1');
const ID_LENGTH = 14;

/** The characters of the next ids, drawn for many at once: one call to the random generator per 1 024 requests. */
const pool = Buffer.alloc(ID_LENGTH * 1024);
let poolOffset = pool.length;

/** `req-` and 14 letters or digits, as the reference API's request ids. */
export function newRequestId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    // The small modulo bias does not matter for an identifier.
    for (let i = 0; i < pool.length; i++) pool[i] = ALPHABET[pool[i] % ALPHABET.length];
    poolOffset = 0;
  }
  const id = 'req-' + pool.toString('latin1', poolOffset, poolOffset + ID_LENGTH);
  poolOffset += ID_LENGTH;
  return id;
}

/** The Express request as the service sees it after the request-id middleware and the guard. */
export interface ServiceRequest extends Request {
  reqId: string;
  actor?: Actor;
  /** The hash of the bearer token once computed (null: no well-formed one); see `bearerTokenHash`. */
  tokenHash?: string | null;
  /** When the request arrived: when it was first looked at, by UnknownTokenRefusal or the request log. Its duration counts from there. */
  receivedAt?: number;
  /** Counted toward its rate limit already: before Express, by UnknownTokenRefusal. */
  rateLimitCounted?: boolean;
}

/** Gives every request its id, in the `X-Request-Id` header of every answer. */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const reqId = newRequestId();
  (request as ServiceRequest).reqId = reqId;
  response.setHeader('X-Request-Id', reqId);
  next();
}

export function requestContext(request: ServiceRequest): RequestContext {
  if (!request.actor) throw new Error('requestContext() on a route without an authenticated actor');
  return { actor: request.actor, ...requestTrace(request) };
}

/** What an audit entry records of a request besides its actor: for public routes, whose actor the body names. */
export function requestTrace(request: ServiceRequest): Omit<RequestContext, 'actor'> {
  return {
    reqId: request.reqId,
    // Behind a trusted proxy the address comes from X-Forwarded-For, which a client may fill with anything.
    ipAddress: request.ip !== undefined && isIP(request.ip) !== 0 ? request.ip : null,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
  };
}
