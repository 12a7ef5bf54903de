import { Injectable } from '@nestjs/common';
import { Database, isoTimestamp } from '../../../database/database';
import { type GroupIdentitiesCriteria, type GroupIdentitiesPage, GroupIdentitiesQuery } from '../application/group-identities.query';
import type { Group } from '../domain/group';

/** The machine identities of a group's organization, with whether each is a member, by name in any case, then id. */
@Injectable()
export class SqlGroupIdentitiesQuery extends GroupIdentitiesQuery {
  constructor(private readonly database: Database) {
    super();
  }

  async page(group: Group, criteria: GroupIdentitiesCriteria): Promise<GroupIdentitiesPage> {
    const params: unknown[] = [group.orgId, group.id];
    const conditions = ['i.org_id = $1'];
    if (criteria.filter === 'assignedMachineIdentities') conditions.push('m.id IS NOT NULL');
    if (criteria.filter === 'nonAssignedMachineIdentities') conditions.push('m.id IS NULL');
    if (criteria.search !== undefined)
      conditions.push(`${this.database.dialect === 'postgres' ? 'strpos' : 'instr'}(lower(i.name), lower($${params.push(criteria.search)})) > 0`);
    const from = `identities i LEFT JOIN identity_group_memberships m ON m.identity_id = i.id AND m.group_id = $2 WHERE ${conditions.join(' AND ')}`;
    const [{ total }] = await this.database.query<{ total: number | string }>(`SELECT count(*) AS total FROM ${from}`, params);
    const totalCount = Number(total);
    if (criteria.offset >= totalCount) return { machineIdentities: [], totalCount };
    const rows = await this.database.query<{ id: string; name: string; joined_at: unknown }>(
      `SELECT i.id, i.name, m.created_at AS joined_at FROM ${from} ORDER BY lower(i.name), i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, criteria.limit, criteria.offset],
    );
    return {
      machineIdentities: rows.map((row) => ({
        id: row.id,
        name: row.name,
        isPartOfGroup: row.joined_at !== null,
        joinedGroupAt: row.joined_at === null ? null : isoTimestamp(row.joined_at),
      })),
      totalCount,
    };
  }
}
