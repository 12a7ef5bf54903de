import type { AuditEvent } from '../../audit/domain/audit-event';
import type { Group, IdentityMembershipChange, MembershipChange } from './group';

export function groupEvent(type: 'create-group' | 'delete-group', group: Group): AuditEvent {
  return { type, metadata: { groupId: group.id, groupName: group.name, groupSlug: group.slug, role: group.role } };
}

/** What an update changed, each field with its value before and after. */
export function updateEvent(group: Group, edited: Group): AuditEvent {
  const changes = Object.fromEntries(
    (['name', 'slug', 'role'] as const).filter((field) => group[field] !== edited[field]).map((field) => [field, { from: group[field], to: edited[field] }]),
  );
  return { type: 'update-group', metadata: { groupId: group.id, groupName: edited.name, changes } };
}

export function membershipEvent(type: 'add-user-to-group' | 'remove-user-from-group', { group, user }: MembershipChange): AuditEvent {
  return { type, metadata: { groupId: group.id, groupName: group.name, userId: user.id, username: user.username } };
}

export function identityMembershipEvent(
  type: 'add-identity-to-group' | 'remove-identity-from-group',
  { group, identity }: IdentityMembershipChange,
): AuditEvent {
  return { type, metadata: { groupId: group.id, groupName: group.name, identityId: identity.id } };
}
