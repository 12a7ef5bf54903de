import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { BatchedLookup } from '../../../database/batched-lookup';
import type { Database, ListColumn } from '../../../database/database';
import { AUDIT_LOG_COLUMNS, auditLogValues } from '../../audit/infrastructure/audit-log.writer';
import type { MembershipChange } from '../domain/group';
import { membershipEvent } from '../domain/group-audit-events';

type Kind = 'remove' | 'add';

/** A change waiting for its batch, with the request it comes from. */
type PendingChange = readonly [kind: Kind, change: MembershipChange, context: RequestContext];

/** The audit entry of each change, column by column in the order of AUDIT_LOG_COLUMNS (`auditLogValues`). */
const AUDIT_LIST: readonly ListColumn[] = [
  ['audit_id', 'uuid'],
  ['org_id', 'uuid'],
  ['actor_user_id', 'uuid'],
  ['actor_username', 'text'],
  ['event_type', 'text'],
  ['metadata', 'text'],
  ['req_id', 'text'],
  ['ip_address', 'text'],
  ['user_agent', 'text'],
  ['created_at', 'text'],
  ['actor_type', 'text'],
];

/** The audit columns of `alias` as they are in the lists (text), or as audit_logs stores them. */
function auditColumns(alias: string, stored = false): string {
  return AUDIT_LIST.map(([name]) => {
    if (stored && name === 'metadata') return `${alias}.metadata::jsonb`;
    if (stored && name === 'created_at') return `${alias}.created_at::timestamptz`;
    return `${alias}.${name}`;
  }).join(', ');
}

/**
 * Add and Remove Group User on PostgreSQL. Each change moves its group's version, and an update of the
 * group's row holds that row until its transaction has committed, flushed to disk: one change at a time
 * per group, however many arrive. So the changes that arrive in one turn of the event loop are written
 * together, one statement per group: the removals, the additions, their audit entries and one version
 * move of the number changed, in one round trip and one commit. The database still decides each change:
 * a request gets true only if its own row was deleted or inserted.
 */
export class PostgresMembershipChanges {
  private readonly sql: string;
  private readonly batch = new BatchedLookup((changes: readonly PendingChange[]) => this.write(changes));

  constructor(private readonly database: Database) {
    const removals = database.listsTable('r', [['user_id', 'uuid'], ...AUDIT_LIST], 2);
    const additions = database.listsTable('a', [['user_id', 'uuid'], ['membership_id', 'uuid'], ...AUDIT_LIST], 2 + 1 + AUDIT_LIST.length);
    this.sql = `WITH removed AS (DELETE FROM group_memberships gm USING ${removals} WHERE gm.group_id = $1 AND gm.user_id = r.user_id RETURNING r.*),
                     a AS (SELECT * FROM ${additions}),
                     inserted AS (INSERT INTO group_memberships (id, group_id, user_id, created_at)
                                  SELECT a.membership_id, $1::uuid, a.user_id, a.created_at::timestamptz FROM a
                                  ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id),
                     changed AS (SELECT ${auditColumns('removed')}, 'remove' AS kind, removed.n FROM removed
                                 UNION ALL SELECT ${auditColumns('a')}, 'add', a.n FROM a JOIN inserted USING (user_id)),
                     audit AS (INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}) SELECT ${auditColumns('changed', true)} FROM changed),
                     versioned AS (UPDATE groups SET version = version + (SELECT count(*) FROM changed),
                                          last_modified = (SELECT max(created_at::timestamptz) FROM changed)
                                    WHERE id = $1 AND EXISTS (SELECT 1 FROM changed))
                SELECT kind, n FROM changed`;
  }

  /** Deletes the membership and writes its audit entry; false when it was not there. */
  remove(change: MembershipChange, context: RequestContext): Promise<boolean> {
    return this.batch.get(['remove', change, context]);
  }

  /** Inserts the membership and writes its audit entry; false when it was already there. */
  add(change: MembershipChange, context: RequestContext): Promise<boolean> {
    return this.batch.get(['add', change, context]);
  }

  /**
   * One statement per group, with each membership in it once: a request of the same kind as the first
   * for its membership gets false once the first is written (or its failure), one of the other kind
   * waits for it and goes in a later batch.
   */
  private async write(changes: readonly PendingChange[]): Promise<Promise<boolean>[]> {
    const answers = new Array<Promise<boolean>>(changes.length);
    const firstOf = new Map<string, number>();
    const byGroup = new Map<string, number[]>();
    const membershipOf = ([, { group, user }]: PendingChange) => `${group.id} ${user.id}`;
    changes.forEach((change, index) => {
      if (firstOf.has(membershipOf(change))) return;
      firstOf.set(membershipOf(change), index);
      const groupId = change[1].group.id;
      const indexes = byGroup.get(groupId);
      if (indexes) indexes.push(index);
      else byGroup.set(groupId, [index]);
    });
    for (const [groupId, indexes] of byGroup) {
      const pending = indexes.map((index) => changes[index]);
      const written = this.writeGroup(groupId, pending);
      const positions = { remove: 0, add: 0 };
      indexes.forEach((index, position) => {
        const kind = pending[position][0];
        const key = `${kind} ${++positions[kind]}`;
        answers[index] = written.then((changed) => changed.has(key));
      });
    }
    changes.forEach((change, index) => {
      const first = firstOf.get(membershipOf(change))!;
      if (first === index) return;
      const again = () => this.batch.get(change);
      answers[index] = change[0] === changes[first][0] ? answers[first].then(() => false) : answers[first].then(again, again);
    });
    return answers;
  }

  /** The changes of one group that the database made, as `kind position` (positions from 1 in each kind's list). */
  private async writeGroup(groupId: string, changes: readonly PendingChange[]): Promise<Set<string>> {
    const lists = (kind: Kind) => {
      const ofKind = changes.filter((change) => change[0] === kind);
      const event = kind === 'remove' ? 'remove-user-from-group' : 'add-user-to-group';
      const audits = ofKind.map(([, change, context]) => auditLogValues(context, membershipEvent(event, change)));
      const columns: unknown[][] = [ofKind.map(([, change]) => change.user.id)];
      if (kind === 'add') columns.push(ofKind.map(() => randomUUID()));
      for (let column = 0; column < AUDIT_LIST.length; column++) columns.push(audits.map((values) => values[column]));
      return columns;
    };
    // ON CONFLICT DO NOTHING settles concurrent inserts of one membership: the later one inserts nothing.
    const rows = await this.database.query<{ kind: Kind; n: number | string }>(this.sql, [groupId, ...lists('remove'), ...lists('add')]);
    return new Set(rows.map((row) => `${row.kind} ${Number(row.n)}`));
  }
}
