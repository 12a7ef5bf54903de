import type { Permission } from '../../common/errors/app-error';

export const GROUP_ACTIONS = [
  'read',
  'create',
  'edit',
  'delete',
  'grant-privileges',
  'add-members',
  'remove-members',
  'add-identities',
  'remove-identities',
] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];

export const IDENTITY_ACTIONS = ['read', 'create', 'edit', 'delete', 'grant-privileges', 'revoke-auth', 'create-token', 'get-token', 'delete-token'] as const;

/** Every subject and the actions it knows. */
export const SUBJECT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  groups: GROUP_ACTIONS,
  identity: IDENTITY_ACTIONS,
  'audit-logs': ['read'],
  scim: ['read', 'create', 'delete'],
};

/** What the built-in role `member` holds: it reads groups and identities. */
const MEMBER_PERMISSIONS: readonly Permission[] = [
  { subject: 'groups', action: 'read' },
  { subject: 'identity', action: 'read' },
];

export const BUILT_IN_ROLES = ['admin', 'member', 'no-access'] as const;

export function isBuiltInRole(role: string): role is (typeof BUILT_IN_ROLES)[number] {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

export function isKnownPermission(permission: Permission): boolean {
  return SUBJECT_ACTIONS[permission.subject]?.includes(permission.action) ?? false;
}

/** A set of granted permissions; `admin` holds every one. */
export class PermissionSet {
  static readonly EMPTY = new PermissionSet(false, []);
  static readonly EVERYTHING = new PermissionSet(true, []);

  private readonly granted: ReadonlySet<string>;

  constructor(
    private readonly everything: boolean,
    permissions: readonly Permission[],
  ) {
    this.granted = new Set(permissions.map(key));
  }

  static ofBuiltInRole(role: (typeof BUILT_IN_ROLES)[number]): PermissionSet {
    if (role === 'admin') return PermissionSet.EVERYTHING;
    if (role === 'member') return new PermissionSet(false, MEMBER_PERMISSIONS);
    return PermissionSet.EMPTY;
  }

  has(action: string, subject: string): boolean {
    return this.everything || this.granted.has(key({ action, subject }));
  }

  union(other: PermissionSet): PermissionSet {
    if (this.everything || other.everything) return PermissionSet.EVERYTHING;
    return new PermissionSet(false, [...this.granted, ...other.granted].map(unkey));
  }

  /** The permissions of `other` that this set lacks, in a stable order. */
  missingFrom(other: PermissionSet): Permission[] {
    if (this.everything) return [];
    const wanted = other.everything ? allPermissions() : [...other.granted].map(unkey);
    return wanted.filter((permission) => !this.has(permission.action, permission.subject));
  }
}

function key(permission: Permission): string {
  return `${permission.subject}\u0000${permission.action}`;
}

function unkey(value: string): Permission {
  const [subject, action] = value.split('\u0000');
  return { subject, action };
}

function allPermissions(): Permission[] {
  return Object.entries(SUBJECT_ACTIONS).flatMap(([subject, actions]) => actions.map((action) => ({ subject, action })));
}
