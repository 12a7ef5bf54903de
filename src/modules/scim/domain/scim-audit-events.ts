import type { AuditEvent } from '../../audit/domain/audit-event';

type ScimGroupEventType = 'scim-create-group' | 'scim-update-group' | 'scim-delete-group' | 'scim-adopt-group';
type ScimUserEventType = 'scim-create-user' | 'scim-update-user' | 'scim-deactivate-user' | 'scim-reactivate-user';

export function scimGroupEvent(type: ScimGroupEventType, group: { readonly id: string; readonly displayName: string }): AuditEvent {
  return { type, metadata: { groupId: group.id, groupName: group.displayName } };
}

export function scimMemberEvent(
  type: 'scim-add-user-to-group' | 'scim-remove-user-from-group',
  group: { readonly id: string; readonly displayName: string },
  user: { readonly id: string; readonly display: string },
): AuditEvent {
  return { type, metadata: { groupId: group.id, groupName: group.displayName, userId: user.id, username: user.display } };
}

export function scimUserEvent(type: ScimUserEventType, user: { readonly id: string; readonly userName: string }): AuditEvent {
  return { type, metadata: { userId: user.id, username: user.userName } };
}

/** A user removed from the organization, with the groups it was taken out of. */
export function scimUserDeletedEvent(user: { readonly id: string; readonly userName: string }, groupIds: readonly string[]): AuditEvent {
  return { type: 'scim-delete-user', metadata: { userId: user.id, username: user.userName, groupIds } };
}
