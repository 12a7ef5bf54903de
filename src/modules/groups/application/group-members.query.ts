import type { Group } from '../domain/group';

export const MEMBER_TYPES = ['users', 'machineIdentities'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

export interface GroupMembersCriteria {
  readonly offset: number;
  readonly limit: number;
  /** Part of a user's `firstName lastName username` or of an identity's name, in any case. */
  readonly search?: string;
  readonly orderDirection: 'asc' | 'desc';
  /** The kinds of member to list; both when absent or empty. */
  readonly memberTypes?: readonly MemberType[];
}

export type GroupMember =
  | {
      readonly id: string;
      readonly joinedGroupAt: string;
      readonly type: 'user';
      readonly user: { id: string; email: string | null; username: string; firstName: string | null; lastName: string | null };
    }
  | { readonly id: string; readonly joinedGroupAt: string; readonly type: 'machineIdentity'; readonly machineIdentity: { id: string; name: string } };

export interface GroupMembersPage {
  readonly members: GroupMember[];
  readonly totalCount: number;
}

/** The members of a group, users and machine identities together, in one order. It is its own injection token. */
export abstract class GroupMembersQuery {
  abstract page(group: Group, criteria: GroupMembersCriteria): Promise<GroupMembersPage>;
}
