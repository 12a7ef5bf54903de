import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { isBuiltInRole } from '../../identity/permissions';
import type { Group } from '../domain/group';

/**
 * The ids of the custom roles that groups grant, for the group answers (`roleId`, `customRoleSlug`):
 * a built-in role has none, and needs no query.
 */
@Injectable()
export class GroupRolesQuery {
  constructor(private readonly database: Database) {}

  /** The custom role id of each group's role, by role slug; a built-in role is absent. */
  async customRoleIds(groups: readonly Group[]): Promise<ReadonlyMap<string, string>> {
    const custom = groups.filter((group) => !isBuiltInRole(group.role));
    if (custom.length === 0) return new Map();
    const rows = await this.database.query<{ id: string; slug: string }>('SELECT id, slug FROM roles WHERE org_id = $1', [custom[0].orgId]);
    return new Map(rows.map((row) => [row.slug, row.id]));
  }
}
