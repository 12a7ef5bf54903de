import { GROUP_SCHEMA, USER_SCHEMA } from './scim-schemas';

/** A member of the organization as SCIM shows it: the user and its organization membership. */
export interface ScimUserRecord {
  readonly id: string;
  readonly userName: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly email: string | null;
  readonly externalId: string | null;
  readonly active: boolean;
  readonly created: string;
  readonly lastModified: string;
  readonly version: number;
}

/** A group of the organization as SCIM shows it. */
export interface ScimGroupRecord {
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly slug: string;
  readonly managedExternally: boolean;
  readonly created: string;
  readonly lastModified: string;
  readonly version: number;
}

/** A reference from one resource to another: a group's member, a user's group. */
export interface ScimReference {
  readonly id: string;
  readonly display: string;
}

export type ScimResource = Record<string, unknown>;

export const etagOf = (version: number) => `W/"${version}"`;

/** The base of `meta.location` and `$ref`: scheme and host as the request gave them, and the SCIM root. */
export type ScimBaseUrl = string;

export function userResource(user: ScimUserRecord, groups: readonly ScimReference[] | undefined, base: ScimBaseUrl): ScimResource {
  const resource: ScimResource = { schemas: [USER_SCHEMA], id: user.id };
  if (user.externalId !== null) resource.externalId = user.externalId;
  resource.userName = user.userName;
  if (user.givenName !== null || user.familyName !== null) {
    const name: Record<string, string> = {};
    if (user.givenName !== null) name.givenName = user.givenName;
    if (user.familyName !== null) name.familyName = user.familyName;
    name.formatted = [user.givenName, user.familyName].filter((part) => part !== null).join(' ');
    resource.name = name;
  }
  if (user.email !== null) resource.emails = [{ value: user.email, type: 'work', primary: true }];
  resource.active = user.active;
  resource.groups = (groups ?? []).map((group) => ({ value: group.id, display: group.display, $ref: `${base}/Groups/${group.id}` }));
  resource.meta = meta('User', user, `${base}/Users/${user.id}`);
  return resource;
}

export function groupResource(group: ScimGroupRecord, members: readonly ScimReference[] | undefined, base: ScimBaseUrl): ScimResource {
  const resource: ScimResource = { schemas: [GROUP_SCHEMA], id: group.id };
  if (group.externalId !== null) resource.externalId = group.externalId;
  resource.displayName = group.displayName;
  resource.members = (members ?? []).map((member) => ({ value: member.id, display: member.display, $ref: `${base}/Users/${member.id}`, type: 'User' }));
  resource.meta = meta('Group', group, `${base}/Groups/${group.id}`);
  return resource;
}

function meta(resourceType: string, record: { created: string; lastModified: string; version: number }, location: string) {
  return { resourceType, created: record.created, lastModified: record.lastModified, location, version: etagOf(record.version) };
}

/**
 * Which attributes an answer carries (`attributes` / `excludedAttributes`, RFC 7644 section 3.9): lower-case
 * names without schema URN, top-level (`name`) or dotted (`name.givenname`). `id` and `schemas` always.
 */
export class AttributeSelection {
  private constructor(
    private readonly mode: 'all' | 'only' | 'except',
    private readonly names: ReadonlySet<string>,
  ) {}

  static ALL = new AttributeSelection('all', new Set());

  /** With both, `attributes` wins; unknown names select nothing. */
  static of(attributes: string | undefined, excluded: string | undefined, urn: string): AttributeSelection {
    const names = (list: string) =>
      new Set(
        list
          .split(',')
          .map((name) => normalise(name.trim(), urn))
          .filter((name) => name !== ''),
      );
    if (attributes !== undefined && attributes.trim() !== '') return new AttributeSelection('only', names(attributes));
    if (excluded !== undefined && excluded.trim() !== '') return new AttributeSelection('except', names(excluded));
    return AttributeSelection.ALL;
  }

  /** Whether any part of top-level attribute `name` is answered: what need not be loaded otherwise. */
  wants(name: string): boolean {
    if (this.mode === 'all') return true;
    if (this.mode === 'except') return !this.names.has(name);
    return this.names.has(name) || [...this.names].some((selected) => selected.startsWith(name + '.'));
  }

  apply(resource: ScimResource): ScimResource {
    if (this.mode === 'all') return resource;
    const answer: ScimResource = {};
    for (const [key, value] of Object.entries(resource)) {
      const name = key.toLowerCase();
      if (name === 'id' || name === 'schemas') answer[key] = value;
      else if (this.mode === 'except') {
        if (!this.names.has(name)) answer[key] = this.subAttributes(name, value, (sub) => !this.names.has(sub));
      } else if (this.names.has(name)) answer[key] = value;
      else if (this.wants(name)) answer[key] = this.subAttributes(name, value, (sub) => this.names.has(sub));
    }
    return answer;
  }

  /** `value` (an object, or a list of objects) with only the sub-attributes `keep` keeps. */
  private subAttributes(name: string, value: unknown, keep: (sub: string) => boolean): unknown {
    const pick = (item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).filter(([sub]) => keep(`${name}.${sub.toLowerCase()}`)))
        : item;
    return Array.isArray(value) ? value.map(pick) : pick(value);
  }
}

function normalise(name: string, urn: string): string {
  const lower = name.toLowerCase();
  const prefix = urn.toLowerCase() + ':';
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}
