import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { BatchedLookup } from '../../../database/batched-lookup';
import type { Database, ListColumn } from '../../../database/database';
import { AUDIT_LOG_COLUMNS, auditLogValues } from '../../audit/infrastructure/audit-log.writer';
import type { MembershipChange } from '../domain/group';
import { membershipEvent } from '../domain/group-audit-events';

type Kind = 'remove' | 'add';

/** A change waiting for its batch, with the request it comes from. */
type PendingChange = readonly [change: MembershipChange, context: RequestContext];

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

function auditRows(alias: string): string {
  return AUDIT_LIST.map(([name]) => {
    if (name === 'metadata') return `${alias}.metadata::jsonb`;
    if (name === 'created_at') return `${alias}.created_at::timestamptz`;
    return `${alias}.${name}`;
  }).join(', ');
}

/**
 * Add and Remove Group User on PostgreSQL. Each change moves its group's version, and an update of the
 * group's row holds that row until its transaction has committed, flushed to disk: one change at a time
 * per group, however many arrive. So the changes of one kind that arrive in one turn of the event loop
 * are written together, one statement per group: the memberships, their audit entries and one version
 * move of the number changed, in one round trip and one commit. The database still decides each change:
 * a request gets true only if its own row was deleted or inserted.
 */
export class PostgresMembershipChanges {
  private readonly sql: Record<Kind, string>;
  private readonly batches: Record<Kind, BatchedLookup<PendingChange, boolean>>;

  constructor(private readonly database: Database) {
    const removals = database.listsTable('k', [['user_id', 'uuid'], ...AUDIT_LIST], 2);
    const additions = database.listsTable('k', [['user_id', 'uuid'], ['membership_id', 'uuid'], ...AUDIT_LIST], 2);
    const versioned = (changed: string) =>
      `UPDATE groups SET version = version + (SELECT count(*) FROM ${changed}), last_modified = (SELECT max(created_at::timestamptz) FROM ${changed})
        WHERE id = $1 AND EXISTS (SELECT 1 FROM ${changed})`;
    this.sql = {
      remove: `WITH removed AS (DELETE FROM group_memberships gm USING ${removals} WHERE gm.group_id = $1 AND gm.user_id = k.user_id RETURNING k.*),
                    audit AS (INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}) SELECT ${auditRows('removed')} FROM removed),
                    versioned AS (${versioned('removed')})
               SELECT n FROM removed`,
      add: `WITH k AS (SELECT * FROM ${additions}),
                 inserted AS (INSERT INTO group_memberships (id, group_id, user_id, created_at)
                              SELECT k.membership_id, $1::uuid, k.user_id, k.created_at::timestamptz FROM k
                              ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id),
                 added AS (SELECT k.* FROM k JOIN inserted USING (user_id)),
                 audit AS (INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}) SELECT ${auditRows('added')} FROM added),
                 versioned AS (${versioned('added')})
            SELECT n FROM added`,
    };
    this.batches = {
      remove: new BatchedLookup((changes: readonly PendingChange[]) => this.write('remove', changes)),
      add: new BatchedLookup((changes: readonly PendingChange[]) => this.write('add', changes)),
    };
  }

  /** Deletes the membership and writes its audit entry; false when it was not there. */
  remove(change: MembershipChange, context: RequestContext): Promise<boolean> {
    return this.batches.remove.get([change, context]);
  }

  /** Inserts the membership and writes its audit entry; false when it was already there. */
  add(change: MembershipChange, context: RequestContext): Promise<boolean> {
    return this.batches.add.get([change, context]);
  }

  /**
   * One statement per group. The same membership asked twice in a batch is written once: the first
   * request gets what the database answers, the others false (or the first one's failure).
   */
  private async write(kind: Kind, changes: readonly PendingChange[]): Promise<Promise<boolean>[]> {
    const answers = new Array<Promise<boolean>>(changes.length);
    const firstOf = new Map<string, number>();
    const byGroup = new Map<string, number[]>();
    const keyOf = ([{ group, user }]: PendingChange) => `${group.id} ${user.id}`;
    changes.forEach((change, index) => {
      if (firstOf.has(keyOf(change))) return;
      firstOf.set(keyOf(change), index);
      const group = change[0].group;
      const indexes = byGroup.get(group.id);
      if (indexes) indexes.push(index);
      else byGroup.set(group.id, [index]);
    });
    for (const [groupId, indexes] of byGroup) {
      const written = this.writeGroup(
        kind,
        groupId,
        indexes.map((index) => changes[index]),
      );
      indexes.forEach((index, position) => (answers[index] = written.then((changed) => changed.has(position + 1))));
    }
    changes.forEach((change, index) => {
      const first = firstOf.get(keyOf(change))!;
      if (first !== index) answers[index] = answers[first].then(() => false);
    });
    return answers;
  }

  /** The positions (from 1) of the changes of one group that the database made. */
  private async writeGroup(kind: Kind, groupId: string, changes: readonly PendingChange[]): Promise<Set<number>> {
    const event = kind === 'remove' ? 'remove-user-from-group' : 'add-user-to-group';
    const audits = changes.map(([change, context]) => auditLogValues(context, membershipEvent(event, change)));
    const lists = [changes.map(([change]) => change.user.id), ...(kind === 'add' ? [changes.map(() => randomUUID())] : [])];
    for (let column = 0; column < AUDIT_LIST.length; column++) lists.push(audits.map((values) => values[column] as string));
    // ON CONFLICT DO NOTHING settles concurrent inserts of one membership: the later one inserts nothing.
    const rows = await this.database.query<{ n: number | string }>(this.sql[kind], [groupId, ...lists]);
    return new Set(rows.map((row) => Number(row.n)));
  }
}
