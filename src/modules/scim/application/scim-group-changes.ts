import type { Filter } from 'scim2-parse-filter';
import { invalidPath, invalidValue } from '../domain/scim-error';
import { equalityIds, userIds } from './member-filter';
import { assertMutable, expandPathless, type PatchOperation } from './scim-patch';
import { GROUP_SCHEMA } from './scim-schemas';
import { attributesOf, isObject, optionalString, requiredString } from './scim-values';

/** A change of a group's members, in the order the request gives them. */
export type MemberOperation =
  | { readonly kind: 'add' | 'remove' | 'replace'; readonly ids: readonly string[] }
  | { readonly kind: 'removeMatching'; readonly filter: Filter }
  | { readonly kind: 'removeAll' };

/** What a request asks of a group: its attributes (undefined: unchanged) and its members. */
export interface GroupChanges {
  readonly displayName?: string;
  readonly externalId?: string | null;
  readonly members: readonly MemberOperation[];
}

/** The member ids of a `members` value: a list of `{value}` (or one object); `display`, `$ref`, `type` are ignored. */
function memberIds(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const members = Array.isArray(value) ? value : [value];
  return members.map((member) => {
    const id = isObject(member) ? attributesOf(member, GROUP_SCHEMA, invalidValue).get('value') : undefined;
    if (typeof id !== 'string') throw invalidValue('Each member must be an object with a string value');
    return id;
  });
}

/** The group a POST or PUT body describes; PUT replaces members only when the body carries them. */
export function groupFromBody(body: Record<string, unknown>): GroupChanges & { displayName: string } {
  const attributes = attributesOf(body, GROUP_SCHEMA, invalidValue);
  return {
    displayName: requiredString(attributes.get('displayname'), 'displayName'),
    externalId: attributes.has('externalid') ? optionalString(attributes.get('externalid'), 'externalId') : undefined,
    members: attributes.has('members') ? [{ kind: 'replace', ids: memberIds(attributes.get('members')) }] : [],
  };
}

/** The changes of a PATCH's operations, in order (RFC 7644 section 3.5.2, and the forms providers send). */
export function groupPatch(operations: readonly PatchOperation[]): GroupChanges {
  let displayName: string | undefined;
  let externalId: string | null | undefined;
  const members: MemberOperation[] = [];
  for (const operation of operations) {
    for (const { op, path, value } of expandPathless(operation, GROUP_SCHEMA)) {
      if (path === undefined) continue;
      if (path === 'elsewhere') throw invalidPath('Groups have no attributes of other schemas');
      assertMutable(path);
      const remove = op === 'remove';
      if (path.attribute === 'members') {
        if (path.sub !== undefined) throw invalidPath(`${path.text.slice(0, 200)}: members can be changed as a whole or by a filter`);
        if (path.filter !== undefined) {
          if (!remove) throw invalidPath(`${path.text.slice(0, 200)}: a filtered path can only be removed`);
          members.push({ kind: 'removeMatching', filter: path.filter });
        } else if (remove) {
          members.push(value === undefined || value === null ? { kind: 'removeAll' } : { kind: 'remove', ids: memberIds(value) });
        } else {
          members.push({ kind: op === 'add' ? 'add' : 'replace', ids: memberIds(value) });
        }
        continue;
      }
      if (path.filter !== undefined || path.sub !== undefined) throw invalidPath(`${path.text.slice(0, 200)} is not a path of a Group`);
      if (path.attribute === 'displayname') {
        if (remove) throw invalidValue('displayName is required and cannot be removed');
        displayName = requiredString(value, 'displayName');
      } else if (path.attribute === 'externalid') {
        externalId = remove ? null : optionalString(value, 'externalId');
      } else {
        throw invalidPath(`${path.text.slice(0, 200)} is not an attribute of a Group`);
      }
    }
  }
  return { displayName, externalId, members };
}

/** The one user a request adds or removes when that is all it asks (the PATCH providers send most); undefined otherwise. */
export function oneMemberChange(changes: GroupChanges): { readonly kind: 'add' | 'remove'; readonly id: string } | undefined {
  if (changes.displayName !== undefined || changes.externalId !== undefined || changes.members.length !== 1) return undefined;
  const [operation] = changes.members;
  const values =
    operation.kind === 'add' || operation.kind === 'remove' ? operation.ids : operation.kind === 'removeMatching' ? equalityIds(operation.filter) : undefined;
  const ids = values && userIds(values);
  if (ids?.length !== 1) return undefined;
  return { kind: operation.kind === 'add' ? 'add' : 'remove', id: ids[0] };
}
