import type { Permission } from '../../src/common/errors/app-error';
import type { Database } from '../../src/database/database';
import { PermissionService } from '../../src/modules/identity/permission.service';

export interface PermissionWorld {
  /** The custom roles of the organization, by slug. */
  readonly roles?: Record<string, Permission[]>;
  /** The roles of the groups each user belongs to, by user id. */
  readonly groupRoles?: Record<string, string[]>;
}

/**
 * The real PermissionService on a database that answers its two queries from `world`: what a role
 * grants (orgId, role), and the rows that make up an actor's permissions (userId, orgId, orgRole).
 */
export function permissionServiceOf({ roles = {}, groupRoles = {} }: PermissionWorld): PermissionService {
  const row = (slug: string) => ({ slug, permissions: roles[slug] ?? null });
  const database = {
    query: async (_sql: string, params: unknown[]) => {
      if (params.length === 2) {
        const role = String(params[1]);
        return roles[role] ? [row(role)] : [];
      }
      const [userId, , orgRole] = params.map(String);
      return [...(groupRoles[userId] ?? []).map(row), ...(roles[orgRole] ? [row(orgRole)] : [])];
    },
  } as unknown as Database;
  return new PermissionService(database);
}
