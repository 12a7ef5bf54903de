/** The `scimType` of a SCIM error (RFC 7644 section 3.12). */
export type ScimType = 'invalidSyntax' | 'invalidFilter' | 'invalidPath' | 'noTarget' | 'mutability' | 'invalidValue' | 'uniqueness';

/** A refusal answered in the SCIM error schema, with its HTTP status. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    /** Headers of the answer, e.g. `Allow` on 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    // A refusal is an answer: its stack would never be read (as for AppError).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const resourceNotFound = (type: 'User' | 'Group', id: string) => new ScimError(404, `${type} ${id.slice(0, 100)} not found`);
export const versionMismatch = () => new ScimError(412, 'The resource has changed: If-Match does not match its current version');

/** Keys that never name an attribute, refused wherever a client names one. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key.toLowerCase());
}
