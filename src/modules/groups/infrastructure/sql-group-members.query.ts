import { Injectable } from '@nestjs/common';
import { Database, isoTimestamp } from '../../../database/database';
import { type GroupMember, type GroupMembersCriteria, type GroupMembersPage, GroupMembersQuery, MEMBER_TYPES } from '../application/group-members.query';
import type { Group } from '../domain/group';

interface MemberRow {
  kind: 'user' | 'identity';
  id: string;
  joined_at: unknown;
  email: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
}

/**
 * The members of a group, users and machine identities together, sorted by one key: a user's
 * `firstName lastName` (trimmed, when not empty), else its username; an identity's name; in lower case,
 * ties broken by id.
 */
@Injectable()
export class SqlGroupMembersQuery extends GroupMembersQuery {
  constructor(private readonly database: Database) {
    super();
  }

  async page(group: Group, criteria: GroupMembersCriteria): Promise<GroupMembersPage> {
    const params: unknown[] = [group.id];
    const contains = (text: string) => `${this.database.dialect === 'postgres' ? 'strpos' : 'instr'}(lower(${text}), lower($2)) > 0`;
    if (criteria.search !== undefined) params.push(criteria.search);
    const searchUsers =
      criteria.search === undefined ? '' : `AND ${contains("COALESCE(u.first_name, '') || ' ' || COALESCE(u.last_name, '') || ' ' || u.username")}`;
    const searchIdentities = criteria.search === undefined ? '' : `AND ${contains('i.name')}`;
    const types = criteria.memberTypes?.length ? criteria.memberTypes : MEMBER_TYPES;
    const text = 'CAST(NULL AS text)';
    const parts: string[] = [];
    if (types.includes('users')) {
      parts.push(`SELECT 'user' AS kind, u.id, gm.created_at AS joined_at, u.email, u.username, u.first_name, u.last_name, ${text} AS name,
          lower(COALESCE(NULLIF(trim(COALESCE(u.first_name, '') || ' ' || COALESCE(u.last_name, '')), ''), u.username, u.email)) AS sort_key
        FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 ${searchUsers}`);
    }
    if (types.includes('machineIdentities')) {
      parts.push(`SELECT 'identity' AS kind, i.id, m.created_at AS joined_at, ${text} AS email, ${text} AS username, ${text} AS first_name, ${text} AS last_name,
          i.name, lower(i.name) AS sort_key
        FROM identity_group_memberships m JOIN identities i ON i.id = m.identity_id WHERE m.group_id = $1 ${searchIdentities}`);
    }
    const members = parts.join(' UNION ALL ');
    const [{ total }] = await this.database.query<{ total: number | string }>(`SELECT count(*) AS total FROM (${members}) members`, params);
    const totalCount = Number(total);
    if (criteria.offset >= totalCount) return { members: [], totalCount };
    const direction = criteria.orderDirection === 'desc' ? 'DESC' : 'ASC';
    const rows = await this.database.query<MemberRow>(
      `SELECT kind, id, joined_at, email, username, first_name, last_name, name FROM (${members}) members
        ORDER BY sort_key ${direction}, id ${direction} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, criteria.limit, criteria.offset],
    );
    return { members: rows.map(toMember), totalCount };
  }
}

function toMember(row: MemberRow): GroupMember {
  const joinedGroupAt = isoTimestamp(row.joined_at);
  if (row.kind === 'identity') return { id: row.id, joinedGroupAt, type: 'machineIdentity', machineIdentity: { id: row.id, name: row.name ?? '' } };
  return {
    id: row.id,
    joinedGroupAt,
    type: 'user',
    user: { id: row.id, email: row.email, username: row.username ?? '', firstName: row.first_name, lastName: row.last_name },
  };
}
