import { invalidPath, invalidValue } from '../domain/scim-error';
import { assertMutable, type AttributePath, expandPathless, type PatchOperation } from './scim-patch';
import type { ScimUserRecord } from './scim-resources';
import { USER_SCHEMA } from './scim-schemas';
import { attributesOf, booleanValue, isObject, optionalString, requiredString } from './scim-values';

/** What SCIM writes of a user: the profile (userName, name, email) and the membership (externalId, active). */
export interface UserDraft {
  readonly userName: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly email: string | null;
  readonly externalId: string | null;
  readonly active: boolean;
}

export function draftOf(user: ScimUserRecord): UserDraft {
  const { userName, givenName, familyName, email, externalId, active } = user;
  return { userName, givenName, familyName, email, externalId, active };
}

/** The email of an `emails` value: the primary one, else the first; `[]` or null clear it. */
function emailOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const emails = Array.isArray(value) ? value : [value];
  if (!emails.every(isObject)) throw invalidValue('emails must be a list of objects with a value');
  const chosen = emails.find((email) => attributesOf(email, USER_SCHEMA, invalidValue).get('primary') === true) ?? emails[0];
  return chosen === undefined ? null : optionalString(attributesOf(chosen, USER_SCHEMA, invalidValue).get('value'), 'emails.value');
}

/** The given and family names of a `name` value; a sub-attribute it omits is `absent`. */
function namesOf<T>(value: unknown, absent: T): { givenName: string | null | T; familyName: string | null | T } {
  if (value === null) return { givenName: null, familyName: null };
  if (!isObject(value)) throw invalidValue('name must be an object');
  const name = attributesOf(value, USER_SCHEMA, invalidValue);
  const part = (key: string) => (name.has(key) ? optionalString(name.get(key), `name.${key}`) : absent);
  return { givenName: part('givenname'), familyName: part('familyname') };
}

/**
 * The user a POST or PUT body describes. A POST starts from nothing; a PUT from the stored user, and
 * replaces the attributes the body carries (null or [] clears one). Attributes SCIM does not keep here
 * (password, displayName, title, the enterprise extension…) are accepted and ignored.
 */
export function userFromBody(body: Record<string, unknown>, current?: UserDraft): UserDraft {
  const attributes = attributesOf(body, USER_SCHEMA, invalidValue);
  const has = (key: string) => attributes.has(key);
  const names = has('name') ? namesOf(attributes.get('name'), null) : undefined;
  return {
    userName: requiredString(attributes.get('username'), 'userName'),
    givenName: names ? names.givenName : (current?.givenName ?? null),
    familyName: names ? names.familyName : (current?.familyName ?? null),
    email: has('emails') ? emailOf(attributes.get('emails')) : (current?.email ?? null),
    externalId: has('externalid') ? optionalString(attributes.get('externalid'), 'externalId') : (current?.externalId ?? null),
    active: has('active') && attributes.get('active') !== null ? booleanValue(attributes.get('active'), 'active') : (current?.active ?? true),
  };
}

/** The user after the operations of a PATCH, applied in order (RFC 7644 section 3.5.2). */
export function patchUser(user: UserDraft, operations: readonly PatchOperation[]): UserDraft {
  let draft = user;
  for (const operation of operations) {
    for (const { op, path, value } of expandPathless(operation, USER_SCHEMA)) {
      if (path === 'elsewhere' || path === undefined) continue;
      draft = applyToUser(draft, op, path, value);
    }
  }
  return draft;
}

const KEPT_SINGLE_VALUED = new Set(['username', 'externalid', 'active', 'name']);

function applyToUser(draft: UserDraft, op: PatchOperation['op'], path: AttributePath, value: unknown): UserDraft {
  assertMutable(path);
  const remove = op === 'remove';
  // Attributes not kept here (phoneNumbers[type eq "work"].value, addresses[…], roles…) are ignored, filtered or not.
  if (path.filter !== undefined && KEPT_SINGLE_VALUED.has(path.attribute))
    throw invalidPath(`${path.text.slice(0, 200)}: ${path.attribute} has a single value`);
  switch (path.attribute) {
    case 'username':
      if (remove) throw invalidValue('userName is required and cannot be removed');
      return { ...draft, userName: requiredString(value, 'userName') };
    case 'externalid':
      return { ...draft, externalId: remove ? null : optionalString(value, 'externalId') };
    case 'active':
      // Removing active gives it back its default.
      return { ...draft, active: remove || value === null ? true : booleanValue(value, 'active') };
    case 'name': {
      if (path.sub === 'givenname') return { ...draft, givenName: remove ? null : optionalString(value, 'name.givenName') };
      if (path.sub === 'familyname') return { ...draft, familyName: remove ? null : optionalString(value, 'name.familyName') };
      if (path.sub !== undefined) return draft;
      if (remove) return { ...draft, givenName: null, familyName: null };
      const names = namesOf(value, undefined);
      return {
        ...draft,
        givenName: names.givenName === undefined ? draft.givenName : names.givenName,
        familyName: names.familyName === undefined ? draft.familyName : names.familyName,
      };
    }
    case 'emails': {
      if (path.sub !== undefined && path.sub !== 'value') return draft;
      if (remove) return { ...draft, email: null };
      if (path.sub === 'value') return { ...draft, email: optionalString(value, 'emails.value') };
      if (path.filter !== undefined) throw invalidPath(`${path.text.slice(0, 200)}: add and replace need a sub-attribute after a filter`);
      return { ...draft, email: emailOf(value) };
    }
    default:
      return draft;
  }
}

/** Whether the profile (the person's own attributes, shared by their organizations) differs. */
export function profileChanged(before: UserDraft, after: UserDraft): boolean {
  return before.userName !== after.userName || before.givenName !== after.givenName || before.familyName !== after.familyName || before.email !== after.email;
}
