import { AppError, PermissionBoundaryError } from '../../../common/errors/app-error';

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

/** An identity provider owns the memberships of this group; changing them here would be overwritten. */
export class GroupManagedExternallyError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'GROUP_MANAGED_EXTERNALLY';
  constructor(groupSlug: string) {
    super(`The memberships of group ${groupSlug} are managed by an identity provider and cannot be changed here`);
  }
}

export function missingRemoveMembersError(): PermissionBoundaryError {
  return new PermissionBoundaryError(
    'Failed to remove user from more privileged group. Actor is missing permission remove-members on groups',
    [{ action: 'remove-members', subject: 'groups' }],
  );
}

export function missingAddMembersError(): PermissionBoundaryError {
  return new PermissionBoundaryError(
    'Failed to add user to more privileged group. Actor is missing permission add-members on groups',
    [{ action: 'add-members', subject: 'groups' }],
  );
}
