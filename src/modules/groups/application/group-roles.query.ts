import type { Group } from '../domain/group';

/**
 * The ids of the custom roles that groups grant, for the group answers (`roleId`, `customRoleSlug`).
 * It is its own injection token.
 */
export abstract class GroupRolesQuery {
  /** The custom role id of each group's role, by role slug; a built-in role is absent. */
  abstract customRoleIds(groups: readonly Group[]): Promise<ReadonlyMap<string, string>>;
}
