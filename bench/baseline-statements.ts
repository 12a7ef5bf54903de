/** The statements of the baseline server, also explained by the benchmark to find full scans. */

export type Change = 'remove' | 'add';

export const ACTOR_SQL = `SELECT t.expires_at, t.revoked_at, u.id AS user_id, u.username, m.org_id, m.role
  FROM access_tokens t
  JOIN users u ON u.id = t.user_id
  JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
 WHERE t.token_hash = $1`;
export const GROUP_SQL = 'SELECT id, name, slug, managed_externally FROM groups WHERE id = $1 AND org_id = $2';
export const USER_SQL = `SELECT u.id, u.username, u.email, u.first_name, u.last_name
  FROM users u JOIN org_memberships m ON m.user_id = u.id AND m.org_id = $1
 WHERE lower(u.username) = lower($2)`;
export const DELETE_SQL = 'DELETE FROM group_memberships WHERE group_id = $1 AND user_id = $2';
export const INSERT_SQL = 'INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, user_id) DO NOTHING';
export const AUDIT_COLUMNS = 'id, org_id, actor_user_id, actor_username, event_type, metadata, req_id, ip_address, user_agent, created_at';
export const AUDIT_SQL = `INSERT INTO audit_logs (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

/** Token, group and user in one statement; the LEFT JOINs say which of them is missing. */
export const COMBINED_LOOKUP_SQL = `SELECT t.expires_at, t.revoked_at, a.id AS user_id, a.username, m.org_id, m.role,
       g.id AS group_id, g.name AS group_name, g.slug AS group_slug, g.managed_externally,
       x.id AS member_id, x.username AS member_username, x.email, x.first_name, x.last_name
  FROM access_tokens t
  JOIN users a ON a.id = t.user_id
  JOIN org_memberships m ON m.org_id = t.org_id AND m.user_id = t.user_id
  LEFT JOIN groups g ON g.id = $2 AND g.org_id = t.org_id
  LEFT JOIN LATERAL (
    SELECT u.id, u.username, u.email, u.first_name, u.last_name
      FROM users u JOIN org_memberships um ON um.user_id = u.id AND um.org_id = t.org_id
     WHERE lower(u.username) = lower($3)) x ON true
 WHERE t.token_hash = $1`;
const auditFrom = (source: string) =>
  `INSERT INTO audit_logs (${AUDIT_COLUMNS}) SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM ${source}`;
/** Existence, concurrency and the audit entry settled by one statement. */
export const COMBINED_SQL: Record<Change, string> = {
  remove: `WITH changed AS (DELETE FROM group_memberships WHERE group_id = $1 AND user_id = $2 RETURNING 1) ${auditFrom('changed')}`,
  add: `WITH changed AS (INSERT INTO group_memberships (id, group_id, user_id, created_at) VALUES ($13, $1, $2, $12)
          ON CONFLICT (group_id, user_id) DO NOTHING RETURNING 1) ${auditFrom('changed')}`,
};
