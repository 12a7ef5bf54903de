import { randomUUID } from 'node:crypto';
import type { RequestContext, ScimRequestContext } from '../../../common/request-context';
import type { WriteStep } from '../../../database/database';
import type { AuditEvent } from '../domain/audit-event';

/**
 * The columns of an audit-log row, in the order of `auditLogValues`. `actor_user_id` and `actor_username`
 * hold the id and name of the actor, a user's or an identity's as `actor_type` says.
 */
export const AUDIT_LOG_COLUMNS = 'id, org_id, actor_user_id, actor_username, event_type, metadata, req_id, ip_address, user_agent, created_at, actor_type';

/** The values of one audit-log row (11 of them, in the order of AUDIT_LOG_COLUMNS). */
export function auditLogValues(context: RequestContext, event: AuditEvent): unknown[] {
  const { actor } = context;
  return [
    randomUUID(),
    actor.orgId,
    actor.id,
    actor.name,
    event.type,
    JSON.stringify(event.metadata),
    context.reqId,
    context.ipAddress,
    context.userAgent,
    new Date().toISOString(),
    actor.type,
  ];
}

/** The statement that writes one audit-log entry: a step of the write of the change it records. */
export function auditLogStep(context: RequestContext, event: AuditEvent): WriteStep {
  return { sql: `INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, params: auditLogValues(context, event) };
}

/** The columns of an audit-log row written by a SCIM client, in the order of `scimAuditLogValues`. */
export const SCIM_AUDIT_LOG_COLUMNS = 'id, org_id, event_type, metadata, req_id, ip_address, user_agent, created_at, actor_type, actor_scim_token_id';

/** The values of one audit-log row whose actor is the SCIM client of `context` (in the order of SCIM_AUDIT_LOG_COLUMNS). */
export function scimAuditLogValues(context: ScimRequestContext, event: AuditEvent, createdAt: string): unknown[] {
  return [
    randomUUID(),
    context.client.orgId,
    event.type,
    JSON.stringify(event.metadata),
    context.reqId,
    context.ipAddress,
    context.userAgent,
    createdAt,
    'scimClient',
    context.client.scimTokenId,
  ];
}
