import { invalidValue, isForbiddenKey, ScimError } from '../domain/scim-error';
import { MAX_STRING_LENGTH } from './scim-schemas';

const CONTROL_CHARACTERS = /\p{Cc}/u;

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The keys of a client's object by lower-case name, the resource's schema URN stripped: attribute names
 * are case-insensitive. Only read through the map, never written into an object; a key that could
 * reach a prototype is refused with `refusal`.
 */
export function attributesOf(value: Record<string, unknown>, urn: string, refusal: (detail: string) => ScimError): Map<string, unknown> {
  const attributes = new Map<string, unknown>();
  const prefix = urn.toLowerCase() + ':';
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) throw refusal(`${key} cannot name an attribute`);
    const lower = key.toLowerCase();
    attributes.set(lower.startsWith(prefix) ? lower.slice(prefix.length) : lower, value[key]);
  }
  return attributes;
}

/** A required string attribute: trimmed, 1–255 characters, no control characters. */
export function requiredString(value: unknown, name: string): string {
  const text = optionalString(value, name);
  if (text === null) throw invalidValue(`${name} is required and cannot be empty`);
  return text;
}

/** An optional string attribute; null, absent or empty (after trimming) clear it. */
export function optionalString(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
  const text = value.trim();
  if (text.length > MAX_STRING_LENGTH) throw invalidValue(`${name} must be at most ${MAX_STRING_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(text)) throw invalidValue(`${name} must not contain control characters`);
  return text === '' ? null : text;
}

/** A boolean attribute: true or false, or the strings "True" and "False" in any case (Entra sends those). */
export function booleanValue(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${name} must be true or false`);
}
