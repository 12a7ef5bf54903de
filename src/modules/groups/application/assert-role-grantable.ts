import type { Actor } from '../../../common/request-context';
import type { PermissionService } from '../../identity/permission.service';
import { morePrivilegedGroupError, UnknownRoleError } from '../domain/group-errors';

/**
 * Members of a group hold its role (docs/contract.md, Authentication and permissions), so a group is
 * a way to hand out permissions: the role must exist in the organization, and one that grants more
 * than the actor holds needs `grant-privileges` on groups.
 */
export async function assertRoleGrantable(permissions: PermissionService, actor: Actor, role: string, operation: 'create' | 'update'): Promise<void> {
  const granted = await permissions.permissionsOfRole(actor.orgId, role);
  if (!granted) throw new UnknownRoleError(role);
  if (await permissions.can(actor, 'grant-privileges', 'groups')) return;
  const missing = (await permissions.permissionsOf(actor)).missingFrom(granted);
  if (missing.length > 0) throw morePrivilegedGroupError(operation, missing);
}
