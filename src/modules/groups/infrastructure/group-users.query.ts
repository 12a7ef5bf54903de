import { Injectable } from '@nestjs/common';
import { Database, isoTimestamp } from '../../../database/database';
import type { Group } from '../domain/group';
import type { GroupUser } from '../domain/group-user';
import { USER_COLUMNS, type UserRow } from './sql-group.repository';

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

/** Up to this many matches are gathered and sorted; more are read in name order from the index, a page at a time. */
const GATHER_LIMIT = 1000;

/** First name (users without one last, on both databases), then username, then id: a total order, stable across pages. */
function order(alias: string): string {
  return `${alias}.first_name NULLS LAST, ${alias}.username, ${alias}.id`;
}

interface Row extends UserRow {
  joined_at: unknown;
}

/** Placeholders $1, $2, … in the order values are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Where the listed users come from: membership rows whose user is `userId`, and whether each is in the group. */
interface Source {
  /** The membership table: all a count without a condition on users needs. */
  readonly from: string;
  /** What tells a member from a non-member, for the rows of a page. */
  readonly join: string;
  readonly where: string;
  readonly userId: string;
  readonly joinedAt: string;
}

function source(group: Group, filter: GroupUsersFilter | undefined, params: Params, forPage: boolean): Source {
  if (filter === 'existingMembers') {
    // Group members are members of the organization: the fixture loader and the add route see to it.
    return { from: 'group_memberships gm', join: '', where: `gm.group_id = ${params.add(group.id)}`, userId: 'gm.user_id', joinedAt: 'gm.created_at' };
  }
  const inOrg = `om.org_id = ${params.add(group.orgId)}`;
  if (filter === 'nonMembers') {
    const notMember = `NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${params.add(group.id)} AND gm.user_id = om.user_id)`;
    return { from: 'org_memberships om', join: '', where: `${inOrg} AND ${notMember}`, userId: 'om.user_id', joinedAt: 'NULL' };
  }
  const join = forPage ? ` LEFT JOIN group_memberships gm ON gm.group_id = ${params.add(group.id)} AND gm.user_id = om.user_id` : '';
  return { from: 'org_memberships om', join, where: inOrg, userId: 'om.user_id', joinedAt: 'gm.created_at' };
}

/** The condition on `u` of `search` or else `username`; undefined when neither is given. */
function userCondition(criteria: GroupUsersCriteria, params: Params): string | undefined {
  if (criteria.search !== undefined) {
    // `%` and `_` cannot occur: the search holds only letters, digits, `-`, `.` and `@`.
    const pattern = params.add(`%${criteria.search.toLowerCase()}%`);
    return `(lower(u.username) LIKE ${pattern} OR lower(u.email) LIKE ${pattern} OR lower(u.first_name) LIKE ${pattern} OR lower(u.last_name) LIKE ${pattern})`;
  }
  if (criteria.username !== undefined) return `lower(u.username) = lower(${params.add(criteria.username)})`;
  return undefined;
}

/**
 * The users of a group's organization as the members listing shows them. The count is one query on
 * the membership index; a page is read without loading the rest: a large result is walked in the
 * order of the `users_listing_order_idx` index and stops after the page; a small one is gathered
 * whole and sorted, which does not depend on how the planner guesses the walk's length.
 */
@Injectable()
export class GroupUsersQuery {
  constructor(private readonly database: Database) {}

  async page(group: Group, criteria: GroupUsersCriteria): Promise<GroupUsersPage> {
    const totalCount = await this.count(group, criteria);
    if (criteria.offset >= totalCount) return { users: [], totalCount };
    const rows = await this.rows(group, criteria, totalCount <= GATHER_LIMIT);
    const users = rows.map((row) => ({
      id: row.id,
      email: row.email,
      username: row.username,
      firstName: row.first_name,
      lastName: row.last_name,
      isPartOfGroup: row.joined_at !== null,
      joinedGroupAt: row.joined_at === null ? null : isoTimestamp(row.joined_at),
    }));
    return { users, totalCount };
  }

  private async count(group: Group, criteria: GroupUsersCriteria): Promise<number> {
    const params = new Params();
    const { from, where, userId } = source(group, criteria.filter, params, false);
    const condition = userCondition(criteria, params);
    const sql = condition
      ? `SELECT count(*) AS total FROM ${from} JOIN users u ON u.id = ${userId} WHERE ${where} AND ${condition}`
      : `SELECT count(*) AS total FROM ${from} WHERE ${where}`;
    const [row] = await this.database.query<{ total: number | string }>(sql, params.values);
    return Number(row.total);
  }

  private rows(group: Group, criteria: GroupUsersCriteria, gather: boolean): Promise<Row[]> {
    const params = new Params();
    const { from, join, where, userId, joinedAt } = source(group, criteria.filter, params, true);
    const condition = userCondition(criteria, params);
    const filters = condition ? `${where} AND ${condition}` : where;
    const columns = `${USER_COLUMNS}, ${joinedAt} AS joined_at`;
    const page = `LIMIT ${params.add(criteria.limit)} OFFSET ${params.add(criteria.offset)}`;
    if (gather) {
      // MATERIALIZED: both databases compute the matches first, whatever they estimate a LIMIT saves.
      return this.database.query<Row>(
        `WITH matches AS MATERIALIZED (SELECT ${columns} FROM ${from}${join} JOIN users u ON u.id = ${userId} WHERE ${filters})
         SELECT * FROM matches m ORDER BY ${order('m')} ${page}`,
        params.values,
      );
    }
    // CROSS JOIN: SQLite joins in the written order, walking users by name and stopping after the page.
    // PostgreSQL plans it as an inner join, and walks the same index when the result is large.
    return this.database.query<Row>(`SELECT ${columns} FROM users u CROSS JOIN ${from}${join} WHERE ${userId} = u.id AND ${filters} ORDER BY ${order('u')} ${page}`, params.values);
  }
}
