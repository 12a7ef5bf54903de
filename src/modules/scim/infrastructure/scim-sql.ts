import { randomUUID } from 'node:crypto';
import type { ScimRequestContext } from '../../../common/request-context';
import type { Database, Dialect, Row, WriteStep } from '../../../database/database';
import type { CompiledFilter } from '../application/scim-filter';
import type { AuditEvent } from '../../audit/domain/audit-event';
import { SCIM_AUDIT_LOG_COLUMNS, scimAuditLogValues } from '../../audit/infrastructure/audit-log.writer';

/** A parameter in a SELECT list, typed: PostgreSQL cannot infer the type of a parameter there. */
export function typed(dialect: Dialect, param: string, type: 'uuid' | 'timestamptz' | 'boolean'): string {
  return dialect === 'postgres' ? `CAST(${param} AS ${type})` : param;
}

/** How to run a read whose text holds `filter`: prepared only when the filter's shape is fixed. */
export function filteredReads(database: Database, filter: CompiledFilter | undefined): <T = Row>(sql: string, params: readonly unknown[]) => Promise<T[]> {
  return filter && !filter.fixedShape ? (sql, params) => database.queryUnprepared(sql, params) : (sql, params) => database.query(sql, params);
}

/**
 * The audit entries of a SCIM change, however many: one statement over lists of their values, so
 * that a change of a thousand memberships writes its thousand entries in one step.
 */
export function scimAuditSteps(database: Database, context: ScimRequestContext, events: readonly AuditEvent[], at: string): WriteStep[] {
  if (events.length === 0) return [];
  if (events.length === 1) {
    return [
      {
        sql: `INSERT INTO audit_logs (${SCIM_AUDIT_LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        params: scimAuditLogValues(context, events[0], at),
      },
    ];
  }
  const { dialect } = database;
  const [, orgId, , , reqId, ipAddress, userAgent, createdAt, actorType, scimTokenId] = scimAuditLogValues(context, events[0], at);
  const entries = database.listsTable(
    'e',
    [
      ['id', 'uuid'],
      ['event_type', 'text'],
      ['metadata', 'text'],
    ],
    1,
  );
  const metadata = dialect === 'postgres' ? 'CAST(e.metadata AS jsonb)' : 'e.metadata';
  return [
    {
      sql: `INSERT INTO audit_logs (${SCIM_AUDIT_LOG_COLUMNS})
            SELECT e.id, ${typed(dialect, '$4', 'uuid')}, e.event_type, ${metadata}, $5, $6, $7, ${typed(dialect, '$8', 'timestamptz')}, $9, ${typed(dialect, '$10', 'uuid')}
              FROM ${entries} WHERE true`,
      params: [
        events.map(() => randomUUID()),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event.metadata)),
        orgId,
        reqId,
        ipAddress,
        userAgent,
        createdAt,
        actorType,
        scimTokenId,
      ],
    },
  ];
}
