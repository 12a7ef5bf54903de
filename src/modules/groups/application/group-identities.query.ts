import type { Group } from '../domain/group';

export const GROUP_IDENTITIES_FILTERS = ['assignedMachineIdentities', 'nonAssignedMachineIdentities'] as const;
export type GroupIdentitiesFilter = (typeof GROUP_IDENTITIES_FILTERS)[number];

export interface GroupIdentitiesCriteria {
  readonly offset: number;
  readonly limit: number;
  /** Part of the name, in any case; letters, digits and `-` only. */
  readonly search?: string;
  /** The group's members, the organization's other identities, or (absent) every identity of the organization. */
  readonly filter?: GroupIdentitiesFilter;
}

export interface GroupIdentityListing {
  readonly id: string;
  readonly name: string;
  readonly isPartOfGroup: boolean;
  readonly joinedGroupAt: string | null;
}

export interface GroupIdentitiesPage {
  readonly machineIdentities: GroupIdentityListing[];
  readonly totalCount: number;
}

/** The machine identities of a group's organization, with whether each is a member, by name in any case, then id. It is its own injection token. */
export abstract class GroupIdentitiesQuery {
  abstract page(group: Group, criteria: GroupIdentitiesCriteria): Promise<GroupIdentitiesPage>;
}
