import type { NextFunction, Request, Response } from 'express';
import type { AppLogger } from '../logging/logger';
import type { ServiceRequest } from './request-id';

/** One log line per answered request: where the reqId of an answer leads to in the log. */
export function logRequests(logger: AppLogger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.on('finish', () => {
      const { reqId, actor } = request as ServiceRequest;
      logger.pino.info(
        {
          reqId,
          method: request.method,
          // The path only: a query string may hold what a client should not have sent.
          path: request.originalUrl.split('?', 1)[0],
          statusCode: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          actorUserId: actor?.userId,
        },
        'request',
      );
    });
    next();
  };
}
