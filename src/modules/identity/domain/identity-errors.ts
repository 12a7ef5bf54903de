import { AppError, type Permission, PermissionBoundaryError } from '../../../common/errors/app-error';

/** Also the answer for an identity of another organization: the two are indistinguishable. */
export class IdentityNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'IDENTITY_NOT_FOUND';
  /** The identity routes say `id`, the Universal Auth routes `ID`, as the reference API does. */
  constructor(identityId: string, idWord: 'id' | 'ID' = 'id') {
    super(`Failed to find identity with ${idWord} ${identityId}`);
  }
}

/** An organization other than the actor's is answered as a missing one. */
export class OrganizationNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'ORGANIZATION_NOT_FOUND';
  constructor(orgId: string) {
    super(`Failed to find organization with ID ${orgId}`);
  }
}

export class IdentityRoleNotFoundError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'UNKNOWN_ROLE';
  constructor(role: string) {
    super(`Role ${role} does not exist in the organization`);
  }
}

/** Names are unique in an organization, whatever their case. */
export class IdentityNameTakenError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'IDENTITY_NAME_TAKEN';
  constructor(name: string) {
    super(`An identity with name ${name} already exists in the organization`);
  }
}

export class IdentityDeleteProtectedError extends AppError {
  readonly kind = 'BadRequest';
  readonly code = 'IDENTITY_DELETE_PROTECTED';
  constructor() {
    super('Identity has delete protection');
  }
}

/** An identity holds its role: giving it one that grants more than the actor holds needs `grant-privileges`. */
export function morePrivilegedIdentityError(operation: 'create' | 'update', missing: Permission[]): PermissionBoundaryError {
  return new PermissionBoundaryError(`Failed to ${operation} identity. Actor is missing permission grant-privileges on identity`, missing);
}
