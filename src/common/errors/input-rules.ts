/** Rules shared by the DTOs of paths, queries and bodies. */
import { ValidateIf } from 'class-validator';

/** Any UUID, in any case; it is compared in lower case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** C0 and C1 control characters, DEL included. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A query-string integer: only digits become a number; anything else is left for @IsInt to refuse. */
export const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value);

/** An empty query parameter (`?search=`) is an absent one. */
export const emptyAsAbsent = ({ value }: { value: unknown }) => {
  const trimmed = trim({ value });
  return trimmed === '' ? undefined : trimmed;
};

/** May be left out, but is not null: a present value is validated by the decorators that follow. */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
