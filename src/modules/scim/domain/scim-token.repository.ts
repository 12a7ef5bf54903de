import type { RequestContext } from '../../../common/request-context';
import type { ScimTokenRecord } from './scim-token';

/** SCIM tokens of organizations, stored by the hash of their secret. It is its own injection token. */
export abstract class ScimTokenRepository {
  /** Whether `organizationId` (an id or a slug) names the organization `orgId`. */
  abstract isOrganization(orgId: string, organizationId: string): Promise<boolean>;

  /** Stores the token by `tokenHash`, with the audit entry. */
  abstract create(token: ScimTokenRecord, tokenHash: string, context: RequestContext): Promise<void>;

  abstract listInOrg(orgId: string): Promise<ScimTokenRecord[]>;

  abstract findInOrg(orgId: string, id: string): Promise<ScimTokenRecord | undefined>;

  /** Deletes the token, which revokes it at once, with the audit entry; false (nothing written) when it was gone. */
  abstract delete(token: ScimTokenRecord, context: RequestContext): Promise<boolean>;
}
