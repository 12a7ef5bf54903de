import type { RequestContext } from '../../../common/request-context';
import type { Identity } from './identity';

export interface IdentityPageCriteria {
  readonly offset: number;
  readonly limit: number;
  /** Part of the name, in any case. */
  readonly search?: string;
}

export interface IdentityPage {
  readonly identities: Identity[];
  readonly totalCount: number;
}

/**
 * What the identity use cases need from storage. Every change writes its audit-log entry in the same
 * transaction. It is its own injection token.
 */
export abstract class IdentityRepository {
  /** The identity, only if it belongs to the organization. */
  abstract findInOrg(orgId: string, identityId: string): Promise<Identity | undefined>;

  /** A page of the organization's identities, by name in any case, then id. */
  abstract page(orgId: string, criteria: IdentityPageCriteria): Promise<IdentityPage>;

  /** Inserts the identity and its audit entry; IdentityNameTakenError (nothing written) when its name is taken. */
  abstract create(identity: Identity, context: RequestContext): Promise<void>;

  /** Writes `edited` and its audit entry; false (nothing written) when the identity is gone; IdentityNameTakenError. */
  abstract update(edited: Identity, context: RequestContext): Promise<boolean>;

  /** Deletes the identity with everything that hangs off it, and writes the audit entry; false when it was gone. */
  abstract delete(identity: Identity, context: RequestContext): Promise<boolean>;
}
