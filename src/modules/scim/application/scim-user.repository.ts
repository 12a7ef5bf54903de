import type { Filter } from 'scim2-parse-filter';
import type { ScimRequestContext } from '../../../common/request-context';
import type { AuditEvent } from '../../audit/domain/audit-event';
import type { CompiledFilter } from './scim-filter';
import type { ScimReference, ScimUserRecord } from './scim-resources';
import type { UserDraft } from './scim-user-changes';

/** An existing user, found by userName, and where it belongs. */
export interface UserByName {
  readonly id: string;
  readonly memberHere: boolean;
  /** How many other organizations it belongs to: while none, SCIM may change its profile. */
  readonly elsewhere: number;
}

/** A change of a SCIM user, written at once, or not at all when its membership is no longer at `version`. */
export interface UserWrite {
  readonly user: ScimUserRecord;
  readonly draft: UserDraft;
  readonly profile: boolean;
  readonly events: readonly AuditEvent[];
}

/** Users as members of an organization, for SCIM. It is its own injection token. */
export abstract class ScimUserRepository {
  /** The filter as a condition on the users `page` reads; 400 `invalidFilter` when it names what Users lack. */
  abstract compileFilter(filter: Filter): CompiledFilter;

  /** A page of the organization's members that match, in the order they joined, and how many match in all. */
  abstract page(orgId: string, filter: CompiledFilter | undefined, offset: number, count: number): Promise<{ total: number; users: ScimUserRecord[] }>;

  abstract find(orgId: string, userId: string): Promise<ScimUserRecord | undefined>;

  /** The organization's groups each user is in, by user id. */
  abstract groupsOf(orgId: string, userIds: readonly string[]): Promise<Map<string, ScimReference[]>>;

  abstract findByUserName(orgId: string, userName: string): Promise<UserByName | undefined>;

  /** How many organizations other than `orgId` the user belongs to. */
  abstract elsewhere(orgId: string, userId: string): Promise<number>;

  /** Creates the user, or links an existing one (`existing`), as a member of the organization; 409 when the userName is taken meanwhile. */
  abstract create(draft: UserDraft, existing: UserByName | undefined, context: ScimRequestContext, events: (userId: string) => AuditEvent[]): Promise<string>;

  /** Writes a change; false (nothing written) when the membership changed since it was read at `user.version`. */
  abstract update(change: UserWrite, context: ScimRequestContext): Promise<boolean>;

  /**
   * Removes the user from the organization: its membership, its memberships of the organization's
   * groups (whose versions move) and, for good, its tokens of the organization. False when the
   * membership changed since it was read at `user.version`.
   */
  abstract delete(user: ScimUserRecord, context: ScimRequestContext, event: AuditEvent): Promise<boolean>;
}
