import { AppError, type Permission, PermissionBoundaryError } from '../../../common/errors/app-error';

/** Also the answer for a group of another organization: the two are indistinguishable. */
export class GroupNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'GROUP_NOT_FOUND';
  constructor(groupId: string) {
    super(`Failed to find group with ID ${groupId}`);
  }
}

/** Also the answer for a user who exists only in another organization. */
export class UserNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'USER_NOT_FOUND';
  constructor(username: string) {
    super(`Failed to find user with username ${username}`);
  }
}

/**
 * The group or the user of a membership change was deleted after the request looked them up, and the change
 * was not written: the request's answer is the one its lookup would give now.
 */
export class MembershipTargetDeletedError extends Error {
  constructor(readonly target: 'group' | 'user') {
    super(`The ${target} of the membership change was deleted`);
  }
}

export class GroupMemberNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'GROUP_MEMBER_NOT_FOUND';
  constructor(username: string, groupSlug: string) {
    super(`User ${username} is not part of the group ${groupSlug}`);
  }
}

export class GroupMemberAlreadyExistsError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'GROUP_MEMBER_ALREADY_EXISTS';
  constructor(username: string, groupSlug: string) {
    super(`User ${username} is already part of the group ${groupSlug}`);
  }
}

/** Slugs are unique within an organization. */
export class GroupSlugTakenError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'GROUP_SLUG_TAKEN';
  constructor(slug: string) {
    super(`A group with slug ${slug} already exists in the organization`);
  }
}

/** A group's role must be built in or a custom role of the organization. */
export class UnknownRoleError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'UNKNOWN_ROLE';
  constructor(role: string) {
    super(`Role ${role} does not exist in the organization`);
  }
}

/** An identity provider owns the memberships of this group; changing them here would be overwritten. */
export class GroupManagedExternallyError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'GROUP_MANAGED_EXTERNALLY';
  constructor(groupSlug: string) {
    super(`The memberships of group ${groupSlug} are managed by an identity provider and cannot be changed here`);
  }
}

export function missingRemoveMembersError(): PermissionBoundaryError {
  return new PermissionBoundaryError('Failed to remove user from more privileged group. Actor is missing permission remove-members on groups', [
    { action: 'remove-members', subject: 'groups' },
  ]);
}

export function missingAddMembersError(): PermissionBoundaryError {
  return new PermissionBoundaryError('Failed to add user to more privileged group. Actor is missing permission add-members on groups', [
    { action: 'add-members', subject: 'groups' },
  ]);
}

/**
 * Members of a group hold its role: giving a group a role that grants more than the actor holds needs
 * `grant-privileges`. `missing` lists what the role grants beyond the actor's permissions.
 */
export function morePrivilegedGroupError(operation: 'create' | 'update', missing: Permission[]): PermissionBoundaryError {
  return new PermissionBoundaryError(`Failed to ${operation} a more privileged group. Actor is missing permission grant-privileges on groups`, missing);
}

/** Also the answer for an identity of another organization. */
export class GroupIdentityNotInOrgError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'IDENTITY_NOT_IN_ORGANIZATION';
  constructor(identityId: string) {
    super(`Identity with id ${identityId} is not part of the organization`);
  }
}

export class GroupIdentityAlreadyExistsError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'GROUP_IDENTITY_ALREADY_EXISTS';
  constructor(groupSlug: string) {
    super(`Identity is already part of the group ${groupSlug}`);
  }
}

export class GroupIdentityNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'GROUP_IDENTITY_NOT_FOUND';
  constructor(groupSlug: string) {
    super(`Machine identities are not part of the group ${groupSlug}`);
  }
}

export function missingAddIdentitiesError(): PermissionBoundaryError {
  return new PermissionBoundaryError('Failed to add identity to more privileged group. Actor is missing permission add-identities on groups', [
    { action: 'add-identities', subject: 'groups' },
  ]);
}

export function missingRemoveIdentitiesError(): PermissionBoundaryError {
  return new PermissionBoundaryError('Failed to remove identity from more privileged group. Actor is missing permission remove-identities on groups', [
    { action: 'remove-identities', subject: 'groups' },
  ]);
}
