import type { RequestContext } from '../../../common/request-context';
import type { Group, GroupIdentity, IdentityMembershipChange, MembershipChange } from './group';
import type { GroupUser } from './group-user';

export interface GroupAndOrgMember {
  readonly group?: Group;
  readonly user?: GroupUser;
}

export interface GroupAndOrgIdentity {
  readonly group?: Group;
  readonly identity?: GroupIdentity;
}

/**
 * What the groups use cases need from storage. Every change writes its audit-log entry in the same
 * transaction. It is its own injection token.
 */
export abstract class GroupRepository {
  /** The group, only if it belongs to the organization. */
  abstract findById(orgId: string, groupId: string): Promise<Group | undefined>;

  /** The organization's groups, ordered by name. */
  abstract findAllInOrg(orgId: string): Promise<Group[]>;

  /** Inserts the group and writes the audit entry; GroupSlugTakenError (nothing written) when its slug is taken in the organization. */
  abstract create(group: Group, context: RequestContext): Promise<void>;

  /**
   * Writes `edited` over `group` and the audit entry; false (nothing written) when the group is gone;
   * GroupSlugTakenError when the new slug is taken in the organization.
   */
  abstract update(group: Group, edited: Group, context: RequestContext): Promise<boolean>;

  /** Deletes the group with its memberships and writes the audit entry; false (nothing written) when it was gone. */
  abstract delete(group: Group, context: RequestContext): Promise<boolean>;

  /**
   * The group, only if it belongs to the organization, and the user by username, case-insensitively,
   * only among the members of the organization: both in one look, for the membership routes.
   */
  abstract findGroupAndOrgMember(orgId: string, groupId: string, username: string): Promise<GroupAndOrgMember>;

  /** Deletes the membership and writes the audit entry; false (and nothing written) when there was none. */
  abstract removeMember(change: MembershipChange, context: RequestContext): Promise<boolean>;

  /**
   * Inserts the membership and writes the audit entry; false (and nothing written) when it already existed,
   * and on PostgreSQL MembershipTargetDeletedError when the group or the user was deleted since the lookup.
   */
  abstract addMember(change: MembershipChange, context: RequestContext): Promise<boolean>;

  /** The group, only if it belongs to the organization, and the identity, only if it belongs to the group's organization. */
  abstract findGroupAndOrgIdentity(orgId: string, groupId: string, identityId: string): Promise<GroupAndOrgIdentity>;

  /** Inserts the identity's membership and writes the audit entry; false (and nothing written) when it already existed. */
  abstract addIdentity(change: IdentityMembershipChange, context: RequestContext): Promise<boolean>;

  /** Deletes the identity's membership and writes the audit entry; false (and nothing written) when there was none. */
  abstract removeIdentity(change: IdentityMembershipChange, context: RequestContext): Promise<boolean>;
}
