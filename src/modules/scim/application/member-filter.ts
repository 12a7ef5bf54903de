import type { Filter } from 'scim2-parse-filter';
import { invalidPath } from '../domain/scim-error';
import type { ScimReference } from './scim-resources';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Member values as user ids: UUIDs in lower case, each once; anything else names no user and is skipped. */
export function userIds(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => UUID.test(value)).map((value) => value.toLowerCase()))];
}

/**
 * The ids a `members[…]` filter names when it is only `value eq "…"`, alone or joined by `or` (the form
 * providers send); undefined for any other filter.
 */
export function equalityIds(filter: Filter): string[] | undefined {
  if (filter.op === 'or') {
    const parts = filter.filters.map(equalityIds);
    return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  }
  if (filter.op === 'eq' && filter.attrPath.toLowerCase() === 'value' && typeof filter.compValue === 'string') return [filter.compValue];
  return undefined;
}

/** Whether a member matches a `members[…]` filter: `value` compares exactly, `display` case-insensitively. */
export function memberMatches(filter: Filter, member: ScimReference): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((part) => memberMatches(part, member));
    case 'or':
      return filter.filters.some((part) => memberMatches(part, member));
    case 'not':
      return !memberMatches(filter.filter, member);
    case '[]':
      throw invalidPath('A members filter cannot nest another');
    default: {
      const attribute = filter.attrPath.toLowerCase();
      if (attribute !== 'value' && attribute !== 'display') throw invalidPath(`members have no sub-attribute ${filter.attrPath.slice(0, 200)}`);
      const actual = attribute === 'value' ? member.id : member.display.toLowerCase();
      if (filter.op === 'pr') return actual !== '';
      if (typeof filter.compValue !== 'string') return filter.op === 'ne';
      const expected = attribute === 'value' ? filter.compValue : filter.compValue.toLowerCase();
      switch (filter.op) {
        case 'eq':
          return actual === expected;
        case 'ne':
          return actual !== expected;
        case 'co':
          return actual.includes(expected);
        case 'sw':
          return actual.startsWith(expected);
        case 'ew':
          return actual.endsWith(expected);
        case 'gt':
          return actual > expected;
        case 'ge':
          return actual >= expected;
        case 'lt':
          return actual < expected;
        case 'le':
          return actual <= expected;
      }
    }
  }
}
