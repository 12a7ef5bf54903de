import { randomUUID } from 'node:crypto';
import type { ScimRequestContext } from '../../../common/request-context';
import type { Database, Dialect, WriteStep } from '../../../database/database';
import type { CompiledFilter } from '../application/scim-filter';
import type { AuditEvent } from '../../audit/domain/audit-event';
import { SCIM_AUDIT_LOG_COLUMNS, scimAuditLogValues } from '../../audit/infrastructure/audit-log.writer';

/** A parameter in a SELECT list, typed: PostgreSQL cannot infer the type of a parameter there. */
export function typed(dialect: Dialect, param: string, type: 'uuid' | 'timestamptz' | 'boolean'): string {
  return dialect === 'postgres' ? `CAST(${param} AS ${type})` : param;
}

/** What a page lists: the columns of each row, from where, the resources' condition, their order. */
export interface PageQuery {
  readonly columns: string;
  readonly from: string;
  /** The organization's resources, as `$1`; the filter's parameters follow. */
  readonly where: string;
  readonly orderBy: string;
}

/**
 * A page of the resources that match, and how many match in all: one statement, the count a
 * subquery with a plan of its own; a second statement only for a page past the end, which has no row
 * to carry the count. Prepared only when the filter's shape is fixed (see `CompiledFilter`).
 */
export async function pageOf<R>(
  database: Database,
  query: PageQuery,
  orgId: string,
  filter: CompiledFilter | undefined,
  offset: number,
  count: number,
): Promise<{ total: number; rows: R[] }> {
  const read = <T>(sql: string, params: readonly unknown[]) =>
    filter && !filter.fixedShape ? database.queryUnprepared<T>(sql, params) : database.query<T>(sql, params);
  const where = filter ? `${query.where} AND ${filter.sql}` : query.where;
  const params = [orgId, ...(filter?.params ?? [])];
  const counted = `SELECT count(*) AS total FROM ${query.from} WHERE ${where}`;
  if (count > 0) {
    const n = params.length;
    const rows = await read<R & { total: number | string }>(
      `SELECT (${counted}) AS total, ${query.columns} FROM ${query.from} WHERE ${where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, count, offset],
    );
    if (rows.length > 0) return { total: Number(rows[0].total), rows };
    if (offset === 0) return { total: 0, rows };
  }
  const [{ total }] = await read<{ total: number | string }>(counted, params);
  return { total: Number(total), rows: [] };
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
