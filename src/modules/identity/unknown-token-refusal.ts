import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { Express, RequestHandler, Response } from 'express';
import parseurl from 'parseurl';
import { ErrorEnvelopeFilter } from '../../common/errors/error-envelope.filter';
import { AppLogger } from '../../common/logging/logger';
import { newRequestId } from '../../common/pipeline/request-id';
import { API_SECURITY_HEADERS } from '../../common/pipeline/security-headers';
import { RequestLimits } from '../rate-limit/request-limits';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthenticationError } from './authentication-errors';
import { BearerAuthGuard, type BearerRequest, type TokenRow } from './bearer-auth.guard';
import { bearerTokenHash } from './token-hash';

/** A layer of Express's router, as far as finding the route of a path needs it. */
interface RouterLayer {
  /** A middleware mounted at the root, which sees every request. */
  readonly slash: boolean;
  readonly route?: { _handlesMethod(method: string): boolean };
  match(path: string): unknown;
}

const NO_NEXT = () => undefined;

/** The one refusal this answers, made once: every request refused here gets the same. */
const INVALID_TOKEN = new AuthenticationError('Invalid token');

/**
 * Refuses a bearer token that nobody has before Express sees the request: a flood of made-up tokens
 * is the cheapest attack on the API, and Express's middleware chain, router and Nest's guards cost
 * several times the refusal itself. It answers exactly what the guards would, in their order: the
 * rate limit, a blocked IP (both without a lookup), then 401 counted as a failed authentication;
 * with the same request id, log line and metrics (the same middleware), security headers and
 * envelope. Its headers go in one `writeHead`, not one by one as the middlewares set them: under a
 * flood that bookkeeping was a tenth of the refusal's time. Each refusal asks the database, as the
 * guard does: unknown tokens are not cached, so a token created a moment later, on any instance,
 * works at once.
 *
 * It acts only on requests without a body (413 and 422 come before the guards), without `Origin` (CORS), to a
 * route that the bearer guard has checked a token for: the guard decides which routes need one, from
 * metadata on the handler and its controller. Every other request, and every token that exists, goes
 * on to Express; the token's row goes with it, so the guard does not look it up again.
 */
@Injectable()
export class UnknownTokenRefusal {
  private readonly errors: ErrorEnvelopeFilter;

  constructor(
    private readonly guard: BearerAuthGuard,
    private readonly limits: RequestLimits,
    private readonly authFailures: AuthFailureLimiter,
    logger: AppLogger,
  ) {
    this.errors = new ErrorEnvelopeFilter(logger);
  }

  /** Puts the refusal in front of the server's request listener, Express; `observe`: the middleware of the log line and metrics. */
  install(server: Server, express: Express, observe: RequestHandler): void {
    const [next] = server.listeners('request') as RequestListener[];
    server.removeListener('request', next);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const route = this.bearerRoute(request, express.router.stack as unknown as readonly RouterLayer[]);
      if (route === undefined) next(request, response);
      else {
        (request as IncomingMessage & { receivedAt: number }).receivedAt = performance.now();
        void this.refuseUnknownToken(request, response, route, express, observe, next);
      }
    });
  }

  private async refuseUnknownToken(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    route: object,
    express: Express,
    observe: RequestHandler,
    next: RequestListener,
  ): Promise<void> {
    // As Express does first: its request and response, whose client address (`ip`) the limits count.
    const request = Object.setPrototypeOf(incoming, express.request) as BearerRequest;
    const response = Object.setPrototypeOf(outgoing, express.response) as Response;
    // Without a well-formed token the guards answer as usual (400, or 401 Token missing).
    const tokenHash = bearerTokenHash(request);
    if (tokenHash === undefined) return void next(incoming, outgoing);
    try {
      // The guards' checks, in their order; the rate limit's guard does not count the request again.
      await this.limits.count(request, false);
      this.authFailures.assertAllowed(request);
      let row: TokenRow | undefined;
      try {
        row = await this.guard.findToken(tokenHash);
      } catch {
        // The database is away: the guard meets it too, and answers 503.
        return void next(incoming, outgoing);
      }
      if (row !== undefined) {
        request.foundToken = row;
        return void next(incoming, outgoing);
      }
      await this.authFailures.recordFailure(request);
      throw INVALID_TOKEN;
    } catch (error) {
      request.reqId = newRequestId();
      void observe(request, response, NO_NEXT);
      // As Express sets it: the log line and the metrics name the route's template.
      request.route = route;
      // Bearer routes are the API's, never the docs': their security headers.
      this.errors.answer(error, request, response, ['X-Request-Id', request.reqId, ...API_SECURITY_HEADERS]);
    }
  }

  /** The route Express would lead the request to, when the bearer guard protects it and the request has no body. */
  private bearerRoute(request: IncomingMessage, layers: readonly RouterLayer[]): object | undefined {
    const { method = '', headers } = request;
    // Express has rules of its own for HEAD and OPTIONS; a body may be refused before any guard; CORS answers with headers of its own.
    if (method === 'HEAD' || method === 'OPTIONS' || headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    if ((headers['content-length'] ?? '0') !== '0') return undefined;
    const path = parseurl(request)?.pathname;
    if (path === undefined || path === null) return undefined;
    for (const layer of layers) {
      // A middleware at the root sees every path.
      if (layer.route === undefined && layer.slash) continue;
      let match: unknown;
      try {
        match = layer.match(path);
      } catch {
        // An invalid percent-encoding: Express refuses it before any route.
        return undefined;
      }
      if (!match) continue;
      // A middleware of its own for this path would see the request first.
      if (layer.route === undefined) return undefined;
      if (layer.route._handlesMethod(method)) return this.guard.bearerRoutes.has(layer.route) ? layer.route : undefined;
    }
    return undefined;
  }
}
