import type { NextFunction, Request, Response } from 'express';
import type { HttpMetrics } from '../../modules/observability/http-metrics';
import type { AppLogger } from '../logging/logger';
import type { ServiceRequest } from './request-id';

/**
 * Where a request went, as a template (`/api/v1/groups/:id`): never the raw path, which holds
 * usernames and whatever a client (or a scanner) sent.
 */
function routeOf(request: Request): string {
  return (request.route as { path?: string } | undefined)?.path ?? (request.baseUrl || 'unmatched');
}

/**
 * One log line per answered request — where the reqId of an answer leads to in the log — and its
 * metrics, from one listener shared by all requests (none is created per request). Never a header:
 * the Authorization header stays out of the log.
 */
export function observeRequests(logger: AppLogger, metrics: HttpMetrics) {
  function answered(this: Response): void {
    const request = this.req as ServiceRequest;
    const durationMs = performance.now() - request.receivedAt!;
    const route = routeOf(request);
    metrics.observe(request.method, route, this.statusCode, durationMs / 1000);
    logger.pino.info(
      {
        reqId: request.reqId,
        method: request.method,
        route,
        statusCode: this.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        actorType: request.actor?.type,
        actorId: request.actor?.id,
      },
      'request',
    );
  }
  return (request: Request, response: Response, next: NextFunction): void => {
    (request as ServiceRequest).receivedAt ??= performance.now();
    response.on('finish', answered);
    next();
  };
}
