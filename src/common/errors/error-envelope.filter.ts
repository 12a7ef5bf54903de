import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseUnavailableError } from '../../database/database';
import { AppError, type ErrorKind, ValidationFailedError } from './app-error';
import { AppLogger } from '../logging/logger';
import { writeJson } from '../pipeline/json-answer';
import type { ServiceRequest } from '../pipeline/request-id';

/** The one table from a kind of refusal to its HTTP answer (docs/contract.md, Errors). */
const ANSWERS: Record<ErrorKind, { status: number; error: string }> = {
  BadRequest: { status: 400, error: 'BadRequest' },
  Unauthorized: { status: 401, error: 'UnauthorizedError' },
  PermissionDenied: { status: 403, error: 'PermissionDenied' },
  PermissionBoundary: { status: 403, error: 'PermissionBoundaryError' },
  NotFound: { status: 404, error: 'NotFound' },
  PayloadTooLarge: { status: 413, error: 'PayloadTooLarge' },
  Validation: { status: 422, error: 'ValidationFailure' },
  RateLimited: { status: 429, error: 'RateLimitExceeded' },
  Unavailable: { status: 503, error: 'ServiceUnavailable' },
};

/** Seconds a client should wait before trying again while the database is away. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export interface ErrorEnvelope {
  reqId: string;
  statusCode: number;
  message: unknown;
  error: string;
  details?: unknown;
}

/** Turns every failure, from every route and from routes that do not exist, into the error envelope. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.answer(exception, http.getRequest<ServiceRequest>(), http.getResponse<Response>());
  }

  /**
   * Answers `exception` in the envelope: the filter's work, for refusals decided before Nest routes a
   * request. `headers`: the answer's other headers, when none was set on `response` (see `writeJson`).
   */
  answer(exception: unknown, request: ServiceRequest, response: Response, headers?: readonly string[]): void {
    const envelope = this.envelope(exception, request);
    if (envelope.statusCode >= 500 && envelope.statusCode !== 503) {
      this.logger.pino.error({ reqId: request.reqId, err: exception }, 'request failed');
    } else if (envelope.statusCode === 503) {
      this.logger.pino.warn({ reqId: request.reqId, err: exception }, 'database unavailable');
    }
    if (response.headersSent) return;
    const retryAfter = envelope.statusCode === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : exception instanceof AppError ? exception.retryAfterSeconds : undefined;
    if (headers !== undefined) {
      writeJson(response, envelope.statusCode, envelope, retryAfter === undefined ? headers : [...headers, 'Retry-After', String(retryAfter)]);
      return;
    }
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    writeJson(response, envelope.statusCode, envelope);
  }

  private envelope(exception: unknown, request: ServiceRequest): ErrorEnvelope {
    const reqId = request.reqId;
    if (exception instanceof ValidationFailedError) {
      return { reqId, statusCode: 422, message: exception.issues, error: ANSWERS.Validation.error };
    }
    if (exception instanceof AppError) {
      const { status, error } = ANSWERS[exception.kind];
      const envelope: ErrorEnvelope = { reqId, statusCode: status, message: exception.message, error };
      // The seed's schemas allow `details` on 403 answers only.
      if (status === 403 && exception.details !== undefined) envelope.details = exception.details;
      return envelope;
    }
    if (exception instanceof DatabaseUnavailableError) {
      return { reqId, statusCode: 503, message: 'The database is unavailable, please retry shortly', error: ANSWERS.Unavailable.error };
    }
    if (exception instanceof HttpException) return this.frameworkEnvelope(exception, request);
    return { reqId, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' };
  }

  /** Refusals raised by Nest and Express themselves: unknown routes, body parsing, bad encodings. */
  private frameworkEnvelope(exception: HttpException, request: ServiceRequest): ErrorEnvelope {
    const reqId = request.reqId;
    const status = exception.getStatus();
    const cause = exception.cause;
    // A refusal of ours raised in an Express middleware (the body parser's checks) keeps its own answer.
    if (cause instanceof AppError) return this.envelope(cause, request);
    if (status === 404) {
      // Nest raises its own 404 only for a route that does not exist.
      return { reqId, statusCode: 404, message: `Route ${request.method}:${request.path} not found`, error: ANSWERS.NotFound.error };
    }
    if (status === 413) return { reqId, statusCode: 413, message: 'Request body is too large', error: ANSWERS.PayloadTooLarge.error };
    if (cause instanceof SyntaxError) {
      const issue = { code: 'invalid_json', message: 'Request body is not valid JSON', path: [] };
      return { reqId, statusCode: 422, message: [issue], error: ANSWERS.Validation.error };
    }
    if (cause instanceof URIError) {
      const issue = { code: 'invalid_encoding', message: 'The URL holds an invalid percent-encoding', path: [] };
      return { reqId, statusCode: 422, message: [issue], error: ANSWERS.Validation.error };
    }
    if (status >= 400 && status < 500) {
      return { reqId, statusCode: 400, message: 'The request cannot be processed', error: ANSWERS.BadRequest.error };
    }
    return { reqId, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' };
  }
}
