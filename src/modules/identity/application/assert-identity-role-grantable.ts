import type { Actor } from '../../../common/request-context';
import type { PermissionService } from '../permission.service';
import { IdentityRoleNotFoundError, morePrivilegedIdentityError } from '../domain/identity-errors';

/**
 * An identity acts with its role: the role must exist in the organization, and one that grants more
 * than the actor holds needs `grant-privileges` on identity.
 */
export async function assertIdentityRoleGrantable(permissions: PermissionService, actor: Actor, role: string, operation: 'create' | 'update'): Promise<void> {
  const granted = await permissions.permissionsOfRole(actor.orgId, role);
  if (!granted) throw new IdentityRoleNotFoundError(role);
  if (await permissions.can(actor, 'grant-privileges', 'identity')) return;
  const missing = (await permissions.permissionsOf(actor)).missingFrom(granted);
  if (missing.length > 0) throw morePrivilegedIdentityError(operation, missing);
}
