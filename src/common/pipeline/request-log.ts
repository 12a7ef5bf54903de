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
 * metrics, from one listener. Never a header: the Authorization header stays out of the log.
 */
export function observeRequests(logger: AppLogger, metrics: HttpMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = (request as ServiceRequest).receivedAt ?? performance.now();
    response.on('finish', () => {
      const durationMs = performance.now() - started;
      const route = routeOf(request);
      metrics.observe(request.method, route, response.statusCode, durationMs / 1000);
      logger.pino.info(
        {
          reqId: (request as ServiceRequest).reqId,
          method: request.method,
          route,
          statusCode: response.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          actorType: (request as ServiceRequest).actor?.type,
          actorId: (request as ServiceRequest).actor?.id,
        },
        'request',
      );
    });
    next();
  };
}
