import type { Group } from '../domain/group';
import type { GroupUser } from '../domain/group-user';

export const GROUP_USERS_FILTERS = ['existingMembers', 'nonMembers'] as const;
export type GroupUsersFilter = (typeof GROUP_USERS_FILTERS)[number];

export interface GroupUsersCriteria {
  readonly offset: number;
  readonly limit: number;
  /** Part of a username, email, first or last name, in any case; of letters, digits, `-`, `.` and `@` only. */
  readonly search?: string;
  /** A whole username, in any case; `search` wins when both are given. */
  readonly username?: string;
  /** The group's members, the organization's other users, or (absent) every user of the organization. */
  readonly filter?: GroupUsersFilter;
}

export interface GroupUserListing extends GroupUser {
  readonly isPartOfGroup: boolean;
  readonly joinedGroupAt: string | null;
}

export interface GroupUsersPage {
  readonly users: GroupUserListing[];
  readonly totalCount: number;
}

/** The users of a group's organization, with whether each is a member, a page at a time. It is its own injection token. */
export abstract class GroupUsersQuery {
  abstract page(group: Group, criteria: GroupUsersCriteria): Promise<GroupUsersPage>;
}
