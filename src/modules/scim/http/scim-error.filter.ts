import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../../../common/errors/app-error';
import { ErrorEnvelopeFilter } from '../../../common/errors/error-envelope.filter';
import type { ServiceRequest } from '../../../common/pipeline/request-id';
import { AppLogger } from '../../../common/logging/logger';
import { DatabaseUnavailableError } from '../../../database/database';
import { ScimError } from '../domain/scim-error';
import { isScimPath, SCIM_ROOT, scimErrorBody, writeScim } from './scim-http';

/** Seconds a client should wait before trying again while the database is away, as on the regular API. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Every failure of a SCIM route, answered in the SCIM error schema (never the envelope); on the token
 * routes of the regular API, which share the SCIM prefix, the envelope as everywhere else.
 */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly envelope: ErrorEnvelopeFilter;

  constructor(private readonly logger: AppLogger) {
    this.envelope = new ErrorEnvelopeFilter(logger);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ServiceRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const relative = request.path.slice(SCIM_ROOT.length);
    if (!isScimPath(relative)) return this.envelope.catch(exception, host);
    const error = this.scimError(exception);
    if (error.status === 500) this.logger.pino.error({ reqId: request.reqId, err: exception }, 'request failed');
    if (error.status === 503) this.logger.pino.warn({ reqId: request.reqId, err: exception }, 'database unavailable');
    if (response.headersSent) return;
    writeScim(response, error.status, scimErrorBody(error.status, error.detail, error.scimType), error.headers);
  }

  private scimError(exception: unknown): ScimError {
    if (exception instanceof ScimError) return exception;
    if (exception instanceof DatabaseUnavailableError) {
      return new ScimError(503, 'The database is unavailable, please retry shortly', undefined, { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
    }
    if (exception instanceof AppError) {
      const headers: Record<string, string> = exception.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(exception.retryAfterSeconds) };
      const status = { Unauthorized: 401, RateLimited: 429, NotFound: 404, PayloadTooLarge: 413, Unavailable: 503 }[exception.kind as string] ?? 400;
      return new ScimError(status, exception.message, status === 400 ? 'invalidValue' : undefined, headers);
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) return new ScimError(404, 'No such SCIM resource or endpoint');
    return new ScimError(500, 'Something went wrong');
  }
}
