import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches, ValidateIf } from 'class-validator';
import { ValidationFailedError } from '../../../common/errors/app-error';
import { UUID } from '../../../common/errors/input-rules';

/** A UUID of the path or the body: trimmed and compared in lower case. */
export const toLowerUuid = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A UUID field, in any case, named in its message. */
export const IsUuid = (field: string) => Matches(UUID, { message: `${field} must be a UUID` });

/** `metadata` may be left out, null or `[]`: identity metadata is not supported, so an entry is refused. */
export function EmptyMetadata(): PropertyDecorator {
  return (target, property) => {
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)(target, property);
    IsArray({ message: 'metadata must be an array' })(target, property);
    ArrayMaxSize(0, { message: 'metadata is not supported: it must be empty' })(target, property);
    ApiPropertyOptional({ maxItems: 0 })(target, property);
  };
}

/** An id repeated in the body must be the one of the path (the reference API's bodies carry it). */
export function assertSameAsPath(field: string, inBody: string | undefined, inPath: string): void {
  if (inBody !== undefined && inBody !== inPath) {
    throw new ValidationFailedError([{ code: 'equals', message: `${field} must be the ${field} of the path`, path: [field] }]);
  }
}
