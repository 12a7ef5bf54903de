import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, isISO8601, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyAsAbsent, NO_CONTROL_CHARACTERS, toInteger } from '../../../common/errors/input-rules';
import { AUDIT_EVENT_TYPES, type AuditEventType } from '../domain/audit-event';

/** A date, or a date and time with an optional UTC offset: `2026-01-31`, `2026-01-31T12:00:00Z`, `2026-01-31T14:00:00.000+02:00`. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** What a valid date becomes: the UTC instant, as timestamps are stored. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 date or date-time, like 2026-01-31 or 2026-01-31T12:00:00Z';

/**
 * A valid ISO 8601 date becomes its UTC instant (a time without an offset is UTC, a date alone is its
 * midnight UTC); anything else is left as it is, for the pattern to refuse.
 */
const toInstant = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const match = ISO_8601.exec(value);
  if (!match || !isISO8601(value, { strict: true })) return value;
  return new Date(value.includes('T') && match[1] === undefined ? `${value}Z` : value).toISOString();
};

/** The query of List Audit Logs. */
export class AuditLogsQueryDto {
  /** Only entries of this event type. */
  @IsOptional()
  @IsIn(AUDIT_EVENT_TYPES, { message: `eventType must be one of ${AUDIT_EVENT_TYPES.join(', ')}` })
  eventType?: AuditEventType;

  /** Only entries written at or after this instant (ISO 8601), e.g. `2026-01-01` or `2026-01-01T09:30:00Z`. */
  @Transform(toInstant)
  @IsOptional()
  @Matches(INSTANT, { message: `startDate ${INSTANT_MESSAGE}` })
  startDate?: string;

  /** Only entries written at or before this instant (ISO 8601), e.g. `2026-12-31T23:59:59Z`. */
  @Transform(toInstant)
  @IsOptional()
  @Matches(INSTANT, { message: `endDate ${INSTANT_MESSAGE}` })
  endDate?: string;

  /** Only entries of this actor: a user ID or username, or a machine identity's ID or name, in any case, e.g. `admin`. */
  @Transform(emptyAsAbsent)
  @IsOptional()
  @IsString({ message: 'actor must be a string' })
  @MaxLength(255, { message: 'actor must be at most 255 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'actor must not contain control characters' })
  actor?: string;

  /** How many entries to skip, from 0. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be at least 0' })
  offset: number = 0;

  /** How many entries to answer, from 1 to 100. */
  // Optional to clients: the default fills it in, so the class holds a number.
  @ApiPropertyOptional({ type: 'integer' })
  @Transform(toInteger)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit: number = 20;
}
