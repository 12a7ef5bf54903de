import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type ValidationIssue } from './app-error';

/** DTOs are validated and transformed by class-validator; a failure becomes 422 with its issues. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(errors.flatMap((error) => issuesOf(error, []))),
  });
}

function issuesOf(error: ValidationError, parent: readonly (string | number)[]): ValidationIssue[] {
  const path = [...parent, error.property];
  // class-validator runs a property's decorators bottom-up; the first one written is the one to report.
  const [first] = Object.entries(error.constraints ?? {}).reverse();
  const own = first ? [{ code: first[0], message: first[1], path }] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, path))];
}
