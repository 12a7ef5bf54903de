import { Injectable } from '@nestjs/common';
import { type Permission, PermissionDeniedError } from '../../common/errors/app-error';
import type { Actor } from '../../common/request-context';
import { Database } from '../../database/database';
import { isBuiltInRole, PermissionSet } from './permissions';
import type { RoleOrmEntity } from './infrastructure/role.orm-entity';

type RoleRow = Pick<RoleOrmEntity, 'slug' | 'permissions'>;

/**
 * Answers what an actor may do: the union of its organization role and the roles of the groups it
 * belongs to in that organization, for users and machine identities alike.
 */
@Injectable()
export class PermissionService {
  /** One resolution per request: the actor object lives as long as its request. */
  private readonly resolved = new WeakMap<Actor, Promise<PermissionSet>>();

  constructor(private readonly database: Database) {}

  async can(actor: Actor, action: string, subject: string): Promise<boolean> {
    // The common case, an admin, needs no query.
    if (actor.orgRole === 'admin') return true;
    return (await this.permissionsOf(actor)).has(action, subject);
  }

  /** Throws 403 `PermissionDenied` unless the actor may do `action` on `subject`. */
  async assert(actor: Actor, action: string, subject: string): Promise<void> {
    if (!(await this.can(actor, action, subject))) throw new PermissionDeniedError({ action, subject });
  }

  permissionsOf(actor: Actor): Promise<PermissionSet> {
    let permissions = this.resolved.get(actor);
    if (!permissions) {
      permissions = this.resolve(actor);
      this.resolved.set(actor, permissions);
      permissions.catch(() => this.resolved.delete(actor));
    }
    return permissions;
  }

  /** What a role of the organization grants; `undefined` for a role that does not exist. */
  async permissionsOfRole(orgId: string, role: string): Promise<PermissionSet | undefined> {
    if (isBuiltInRole(role)) return PermissionSet.ofBuiltInRole(role);
    const [row] = await this.database.query<RoleRow>('SELECT slug, permissions FROM roles WHERE org_id = $1 AND slug = $2', [orgId, role]);
    return row ? customRole(row) : undefined;
  }

  private async resolve(actor: Actor): Promise<PermissionSet> {
    if (actor.orgRole === 'admin') return PermissionSet.EVERYTHING;
    const rows = await this.database.query<RoleRow>(actor.type === 'identity' ? IDENTITY_ROLES_SQL : USER_ROLES_SQL, [actor.id, actor.orgId, actor.orgRole]);
    let permissions = isBuiltInRole(actor.orgRole) ? PermissionSet.ofBuiltInRole(actor.orgRole) : PermissionSet.EMPTY;
    for (const row of rows) {
      permissions = permissions.union(isBuiltInRole(row.slug) ? PermissionSet.ofBuiltInRole(row.slug) : customRole(row));
    }
    return permissions;
  }
}

/** The roles of an actor's groups and its custom org role ($1 the actor, $2 the organization, $3 the org role). */
function rolesSql(memberships: string, memberColumn: string): string {
  return `SELECT g.role AS slug, r.permissions AS permissions
         FROM ${memberships} gm
         JOIN groups g ON g.id = gm.group_id AND g.org_id = $2
         LEFT JOIN roles r ON r.org_id = g.org_id AND r.slug = g.role
        WHERE gm.${memberColumn} = $1
       UNION ALL
       SELECT r.slug, r.permissions FROM roles r WHERE r.org_id = $2 AND r.slug = $3`;
}

const USER_ROLES_SQL = rolesSql('group_memberships', 'user_id');
const IDENTITY_ROLES_SQL = rolesSql('identity_group_memberships', 'identity_id');

function customRole(row: RoleRow): PermissionSet {
  if (row.permissions === null || row.permissions === undefined) return PermissionSet.EMPTY;
  const permissions = (typeof row.permissions === 'string' ? JSON.parse(row.permissions) : row.permissions) as Permission[];
  return new PermissionSet(false, permissions);
}
