import { invalidValue, ScimError } from '../domain/scim-error';
import { MAX_PAGE_SIZE } from './scim-schemas';

/** A page as a list asks for it (RFC 7644 section 3.4.2.4): `startIndex` from 1, `count` capped. */
export interface PageRequest {
  readonly startIndex: number;
  readonly count: number;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\s*[-+]?\d+\s*$/.test(value)) throw invalidValue(`${name} must be an integer`);
  return Number(value);
}

/** `startIndex` below 1 is 1; `count` negative is 0, above the page size is the page size; never an error but for a non-integer. */
export function pageRequest(startIndex: string | undefined, count: string | undefined): PageRequest {
  const start = integer(startIndex, 'startIndex') ?? 1;
  const size = integer(count, 'count') ?? MAX_PAGE_SIZE;
  return { startIndex: Math.max(1, Math.min(start, Number.MAX_SAFE_INTEGER)), count: Math.max(0, Math.min(size, MAX_PAGE_SIZE)) };
}

/** Whether an `If-Match` or `If-None-Match` header names the version: `*`, or a list holding `W/"n"` or `"n"`. */
export function namesVersion(header: string, version: number): boolean {
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//i, '') === `"${version}"`;
  });
}

/** Whether `If-Match` allows a change of the resource at `version`: absent, or naming it. */
export function ifMatchAllows(header: string | undefined, version: number): boolean {
  return header === undefined || namesVersion(header, version);
}

/** A write that kept losing the race to other writes of the same resource: the client may retry. */
export const tooBusy = () => new ScimError(503, 'The resource is changing too fast to apply the request; retry shortly', undefined, { 'Retry-After': '1' });

/**
 * Runs `attempt` until it settles: each attempt reads the resource's version and writes only if it
 * is still that version, so a write that lost a race reads again. Someone wins each round.
 */
export async function untilWritten<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let round = 0; round < 100; round++) {
    const result = await attempt();
    if (result !== undefined) return result;
    // A little random delay spreads writers that keep colliding.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(round + 1, 10)));
  }
  throw tooBusy();
}
