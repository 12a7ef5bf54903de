import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { isBuiltInRole } from '../../identity/permissions';
import { GroupRolesQuery } from '../application/group-roles.query';
import type { Group } from '../domain/group';

/** The organization's custom roles, read once per answer: a built-in role has no id, and needs no query. */
@Injectable()
export class SqlGroupRolesQuery extends GroupRolesQuery {
  constructor(private readonly database: Database) {
    super();
  }

  async customRoleIds(groups: readonly Group[]): Promise<ReadonlyMap<string, string>> {
    const custom = groups.filter((group) => !isBuiltInRole(group.role));
    if (custom.length === 0) return new Map();
    const rows = await this.database.query<{ id: string; slug: string }>('SELECT id, slug FROM roles WHERE org_id = $1', [custom[0].orgId]);
    return new Map(rows.map((row) => [row.slug, row.id]));
  }
}
