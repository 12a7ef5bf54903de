import { Injectable } from '@nestjs/common';
import { UUID } from '../../../common/errors/input-rules';
import { Database, isoTimestamp } from '../../../database/database';
import { type AuditLogCriteria, type AuditLogEntry, type AuditLogPage, AuditLogsQuery } from '../application/audit-logs.query';
import type { AuditLogOrmEntity } from './audit-log.orm-entity';

type AuditLogRow = Omit<AuditLogOrmEntity, 'org_id'>;

/** The audit log of one organization, newest first, read with the (org_id, …, created_at) indexes. */
@Injectable()
export class SqlAuditLogsQuery extends AuditLogsQuery {
  constructor(private readonly database: Database) {
    super();
  }

  async page(orgId: string, criteria: AuditLogCriteria): Promise<AuditLogPage> {
    const params: unknown[] = [orgId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['org_id = $1'];
    if (criteria.eventType !== undefined) conditions.push(`event_type = ${add(criteria.eventType)}`);
    if (criteria.startDate !== undefined) conditions.push(`created_at >= ${add(criteria.startDate)}`);
    if (criteria.endDate !== undefined) conditions.push(`created_at <= ${add(criteria.endDate)}`);
    if (criteria.actor !== undefined) {
      const byName = `lower(actor_username) = lower(${add(criteria.actor)})`;
      // Only a UUID can be compared with the uuid column on PostgreSQL.
      conditions.push(UUID.test(criteria.actor) ? `(actor_user_id = ${add(criteria.actor.toLowerCase())} OR ${byName})` : byName);
    }
    const where = conditions.join(' AND ');
    const [{ total }] = await this.database.query<{ total: number | string }>(`SELECT count(*) AS total FROM audit_logs WHERE ${where}`, params);
    const totalCount = Number(total);
    if (criteria.offset >= totalCount) return { auditLogs: [], totalCount };
    const rows = await this.database.query<AuditLogRow>(
      `SELECT id, event_type, metadata, actor_type, actor_user_id, actor_username, actor_scim_token_id, req_id, ip_address, user_agent, created_at
         FROM audit_logs WHERE ${where}
        ORDER BY created_at DESC, id DESC LIMIT ${add(criteria.limit)} OFFSET ${add(criteria.offset)}`,
      params,
    );
    return { auditLogs: rows.map(toEntry), totalCount };
  }
}

function toEntry(row: AuditLogRow): AuditLogEntry {
  return {
    id: row.id,
    // PostgreSQL gives jsonb back as an object, SQLite as its text.
    event: { type: row.event_type, metadata: (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as Record<string, unknown> },
    actor:
      row.actor_type === 'scimClient'
        ? { type: 'scimClient', metadata: { scimTokenId: row.actor_scim_token_id } }
        : row.actor_type === 'identity'
          ? { type: 'identity', metadata: { identityId: row.actor_user_id, name: row.actor_username } }
          : { type: 'user', metadata: { userId: row.actor_user_id, username: row.actor_username } },
    reqId: row.req_id,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    createdAt: isoTimestamp(row.created_at),
  };
}
