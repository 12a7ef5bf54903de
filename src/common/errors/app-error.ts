/**
 * The kinds of refusal the service answers with; the HTTP filter maps each to a status and an
 * `error` name from one table. Plain TypeScript: domain and application code throw these.
 */
export type ErrorKind =
  'BadRequest' | 'Unauthorized' | 'PermissionDenied' | 'PermissionBoundary' | 'NotFound' | 'Validation' | 'PayloadTooLarge' | 'RateLimited' | 'Unavailable';

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  /** Stable, machine-readable: the same refusal always carries the same code. */
  abstract readonly code: string;
  readonly details?: unknown;
  /** When the client may try again, sent as `Retry-After` (429 answers). */
  readonly retryAfterSeconds?: number;

  constructor(message: string) {
    // A refusal is an answer, not a bug: its stack would never be read, and capturing one costs more
    // than the rest of the refusal. Errors of any other class keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export interface ValidationIssue {
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** Malformed input: answered with 422 and the list of issues as `message`. */
export class ValidationFailedError extends AppError {
  readonly kind = 'Validation';
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
  }
}

export interface Permission {
  readonly action: string;
  readonly subject: string;
}

export class PermissionDeniedError extends AppError {
  readonly kind = 'PermissionDenied';
  readonly code = 'PERMISSION_DENIED';
  readonly details: { missingPermissions: Permission[] };
  constructor(missing: Permission) {
    super(`You are not allowed to ${missing.action} on ${missing.subject}`);
    this.details = { missingPermissions: [missing] };
  }
}

/** The actor may act on groups, but not on one that would hand out more than it holds. */
export class PermissionBoundaryError extends AppError {
  readonly kind = 'PermissionBoundary';
  readonly code = 'PERMISSION_BOUNDARY';
  readonly details: { missingPermissions: Permission[] };
  constructor(message: string, missing: Permission[]) {
    super(message);
    this.details = { missingPermissions: missing };
  }
}
