import { AppError } from '../../../common/errors/app-error';
import type { AuditEvent } from '../../audit/domain/audit-event';

/** A SCIM token as the token routes show it: never its secret or the secret's hash. */
export interface ScimTokenRecord {
  readonly id: string;
  readonly orgId: string;
  readonly description: string;
  readonly ttlDays: number;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly createdAt: string;
}

export function scimTokenEvent(type: 'create-scim-token' | 'delete-scim-token', token: ScimTokenRecord): AuditEvent {
  return { type, metadata: { scimTokenId: token.id, description: token.description } };
}

/** Also the answer for a token of another organization: the two are indistinguishable. */
export class ScimTokenNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'SCIM_TOKEN_NOT_FOUND';
  constructor(id: string) {
    super(`Failed to find SCIM token with ID ${id}`);
  }
}

/** An `organizationId` that is not the actor's organization, by id or slug. */
export class OrganizationNotFoundError extends AppError {
  readonly kind = 'NotFound';
  readonly code = 'ORGANIZATION_NOT_FOUND';
  constructor(organizationId: string) {
    super(`Failed to find organization with ID ${organizationId}`);
  }
}
