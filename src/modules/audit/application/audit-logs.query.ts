import type { AuditEventType } from '../domain/audit-event';

export interface AuditLogCriteria {
  readonly eventType?: AuditEventType;
  /** ISO 8601 UTC instants, both included. */
  readonly startDate?: string;
  readonly endDate?: string;
  /** The id or the name of the actor (in any case): a user's id or username, an identity's id or name. */
  readonly actor?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface AuditLogEntry {
  readonly id: string;
  readonly event: { readonly type: string; readonly metadata: Record<string, unknown> };
  readonly actor:
    | { readonly type: 'user'; readonly metadata: { readonly userId: string | null; readonly username: string | null } }
    | { readonly type: 'identity'; readonly metadata: { readonly identityId: string | null; readonly name: string | null } }
    | { readonly type: 'scimClient'; readonly metadata: { readonly scimTokenId: string | null } };
  readonly reqId: string | null;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly createdAt: string;
}

export interface AuditLogPage {
  readonly auditLogs: AuditLogEntry[];
  readonly totalCount: number;
}

/** The audit log of one organization, newest first. It is its own injection token. */
export abstract class AuditLogsQuery {
  abstract page(orgId: string, criteria: AuditLogCriteria): Promise<AuditLogPage>;
}
