import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../common/request-context';
import type { WriteStep } from '../../database/database';

export const AUDIT_EVENT_TYPES = ['create-group', 'update-group', 'delete-group', 'add-user-to-group', 'remove-user-from-group'] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEvent {
  readonly type: AuditEventType;
  readonly metadata: Record<string, unknown>;
}

/** The columns of an audit-log row, in the order of `auditLogValues`. */
export const AUDIT_LOG_COLUMNS = 'id, org_id, actor_user_id, actor_username, event_type, metadata, req_id, ip_address, user_agent, created_at';

/** The values of one audit-log row (10 of them, in the order of AUDIT_LOG_COLUMNS). */
export function auditLogValues(context: RequestContext, event: AuditEvent): unknown[] {
  const { actor } = context;
  return [
    randomUUID(),
    actor.orgId,
    actor.userId,
    actor.username,
    event.type,
    JSON.stringify(event.metadata),
    context.reqId,
    context.ipAddress,
    context.userAgent,
    new Date().toISOString(),
  ];
}

/** The statement that writes one audit-log entry: a step of the write of the change it records. */
export function auditLogStep(context: RequestContext, event: AuditEvent): WriteStep {
  return { sql: `INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, params: auditLogValues(context, event) };
}
