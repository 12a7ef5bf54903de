import { randomUUID } from 'node:crypto';
import type { RequestContext, ScimRequestContext } from '../../../common/request-context';
import type { Database, ListColumn } from '../../../database/database';
import type { AuditEvent } from '../../audit/domain/audit-event';
import { AUDIT_LOG_COLUMNS, auditLogValues, scimAuditLogValues } from '../../audit/infrastructure/audit-log.writer';
import type { MembershipChange } from '../domain/group';
import { membershipEvent } from '../domain/group-audit-events';
import { MembershipTargetDeletedError } from '../domain/group-errors';

type Kind = 'remove' | 'add';

/** A change waiting for its batch: a user in or out of a group, with its audit entry's values in the order of AUDIT_LIST. */
export interface PendingChange {
  readonly kind: Kind;
  readonly groupId: string;
  readonly userId: string;
  readonly audit: readonly unknown[];
}

/** A change the database made: the group's version and name once it was made, and its instant (the entry's). */
export interface WrittenChange {
  readonly version: number;
  readonly name: string;
  readonly externalId: string | null;
  readonly at: string;
}

/** A change waiting for its group's next statement, with its request's answer. */
interface Waiting {
  readonly change: PendingChange;
  resolve(answer: Promise<WrittenChange | undefined>): void;
}

/** A group's changes waiting for a statement, and its statements under way. */
interface GroupQueue {
  waiting: Waiting[];
  underWay: number;
  scheduled: boolean;
}

/**
 * Statements of one group under way at once. The second is sent while the first commits: its deletes,
 * inserts and audit entries are done by then, and it waits only for the group's row. More would wait for
 * that row too, each holding a connection the reads need; the changes arriving meanwhile gather for the
 * next statement instead.
 */
const STATEMENTS_PER_GROUP = 2;

/** The audit entry of each change, column by column: AUDIT_LOG_COLUMNS (`auditLogValues`), then the SCIM client's token. */
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
  ['actor_scim_token_id', 'uuid'],
];

/** The foreign keys of group_memberships, by the row they found deleted when they refuse an insert. */
const DELETED_TARGETS: Readonly<Record<string, MembershipTargetDeletedError['target']>> = {
  group_memberships_group_id_fkey: 'group',
  group_memberships_user_id_fkey: 'user',
};

/** What a foreign key violation of group_memberships says was deleted; undefined for any other error. */
function deletedTarget(error: unknown): MembershipTargetDeletedError['target'] | undefined {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23503' && typeof constraint === 'string' ? DELETED_TARGETS[constraint] : undefined;
}

/** The audit values of a change made by a user or an identity. */
export function actorAudit(context: RequestContext, event: AuditEvent): unknown[] {
  return [...auditLogValues(context, event), null];
}

/** The audit values of a change made by a SCIM client, at `at`. */
export function scimClientAudit(context: ScimRequestContext, event: AuditEvent, at: string): unknown[] {
  const [id, orgId, type, metadata, reqId, ipAddress, userAgent, createdAt, actorType, scimTokenId] = scimAuditLogValues(context, event, at);
  return [id, orgId, null, null, type, metadata, reqId, ipAddress, userAgent, createdAt, actorType, scimTokenId];
}

/** The audit columns of `alias` as they are in the lists (text), or as audit_logs stores them. */
function auditColumns(alias: string, stored = false): string {
  return AUDIT_LIST.map(([name]) => {
    if (stored && name === 'metadata') return `${alias}.metadata::jsonb`;
    if (stored && name === 'created_at') return `${alias}.created_at::timestamptz`;
    return `${alias}.${name}`;
  }).join(', ');
}

/**
 * Membership changes on PostgreSQL, one user in or out of a group each: Add and Remove Group User, and
 * SCIM's PATCH of one member. Each change moves its group's version, and an update of the group's row
 * holds that row until its transaction has committed, flushed to disk: one change at a time per group,
 * however many arrive. So the changes of a group that arrive together are written together, one
 * statement per group: the removals, the additions, their audit entries and one version move of the
 * number changed, in one round trip and one commit; at most STATEMENTS_PER_GROUP of a group are under
 * way, and the changes arriving meanwhile gather for the next. The database still decides each change: a request
 * is answered as written only if its own row was deleted or inserted, with the version its change took
 * (the changes of a statement take the versions it moved over, in the order of their instants).
 */
export class PostgresMembershipChanges {
  /** One per database, so that every route's changes of a group share its queue and its limit of statements. */
  private static readonly ofDatabase = new WeakMap<Database, PostgresMembershipChanges>();

  static of(database: Database): PostgresMembershipChanges {
    let changes = PostgresMembershipChanges.ofDatabase.get(database);
    if (!changes) PostgresMembershipChanges.ofDatabase.set(database, (changes = new PostgresMembershipChanges(database)));
    return changes;
  }

  private readonly sql: string;
  /** The groups with changes waiting or statements under way. */
  private readonly queues = new Map<string, GroupQueue>();

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
                     audit AS (INSERT INTO audit_logs (${AUDIT_LOG_COLUMNS}, actor_scim_token_id) SELECT ${auditColumns('changed', true)} FROM changed),
                     versioned AS (UPDATE groups SET version = version + (SELECT count(*) FROM changed),
                                          last_modified = (SELECT max(created_at::timestamptz) FROM changed)
                                    WHERE id = $1 AND EXISTS (SELECT 1 FROM changed)
                                   RETURNING version, name, external_id)
                SELECT c.kind, c.n, c.created_at, v.name, v.external_id,
                       v.version - count(*) OVER () + row_number() OVER (ORDER BY c.created_at, c.kind, c.n) AS version
                  FROM changed c CROSS JOIN versioned v`;
  }

  /** Deletes the membership and writes its audit entry; false when it was not there. */
  async remove({ group, user }: MembershipChange, context: RequestContext): Promise<boolean> {
    const audit = actorAudit(context, membershipEvent('remove-user-from-group', { group, user }));
    return (await this.change({ kind: 'remove', groupId: group.id, userId: user.id, audit })) !== undefined;
  }

  /** Inserts the membership and writes its audit entry; false when it was already there. */
  async add({ group, user }: MembershipChange, context: RequestContext): Promise<boolean> {
    const audit = actorAudit(context, membershipEvent('add-user-to-group', { group, user }));
    return (await this.change({ kind: 'add', groupId: group.id, userId: user.id, audit })) !== undefined;
  }

  /**
   * Writes the change with its audit entry; undefined when the membership was already as it asks, and
   * MembershipTargetDeletedError when an addition's group or user was deleted since the request's lookup.
   */
  change(change: PendingChange): Promise<WrittenChange | undefined> {
    return new Promise((resolve) => {
      let queue = this.queues.get(change.groupId);
      if (!queue) this.queues.set(change.groupId, (queue = { waiting: [], underWay: 0, scheduled: false }));
      queue.waiting.push({ change, resolve });
      this.schedule(change.groupId, queue);
    });
  }

  /** Sends the group's waiting changes once this turn's have arrived, if it has room for a statement. */
  private schedule(groupId: string, queue: GroupQueue): void {
    if (queue.scheduled || queue.underWay >= STATEMENTS_PER_GROUP || queue.waiting.length === 0) return;
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      const batch = queue.waiting;
      queue.waiting = [];
      queue.underWay++;
      void this.write(groupId, batch).finally(() => {
        queue.underWay--;
        if (queue.underWay === 0 && queue.waiting.length === 0) this.queues.delete(groupId);
        else this.schedule(groupId, queue);
      });
    });
  }

  /**
   * One statement, with each membership in it once: a request of the same kind as the first for its
   * membership gets undefined once the first is written (or its failure), one of the other kind waits
   * for it and goes in a later statement.
   */
  private async write(groupId: string, batch: readonly Waiting[]): Promise<void> {
    const firstOf = new Map<string, PendingChange>();
    const pending = batch.map(({ change }) => change).filter((change) => !firstOf.has(change.userId) && firstOf.set(change.userId, change));
    const written = this.writeGroup(groupId, pending);
    const answerOf = new Map<string, Promise<WrittenChange | undefined>>();
    pending.forEach((change, index) => {
      answerOf.set(
        change.userId,
        written.then((answers) => {
          const answer = answers[index];
          if (answer instanceof MembershipTargetDeletedError) throw answer;
          return answer;
        }),
      );
    });
    for (const { change, resolve } of batch) {
      const first = firstOf.get(change.userId)!;
      const answer = answerOf.get(change.userId)!;
      const again = () => this.change(change);
      if (first === change) resolve(answer);
      else resolve(first.kind === change.kind ? answer.then(() => undefined) : answer.then(again, again));
    }
    await written.catch(() => undefined);
  }

  /**
   * What the database made of each change of one group: the written change, undefined when the membership
   * was already as it asks, or MembershipTargetDeletedError. A group or user deleted since the lookups fails
   * the whole statement: its changes are then written one statement each, so that only those it concerns fail.
   */
  private async writeGroup(groupId: string, changes: readonly PendingChange[]): Promise<(WrittenChange | MembershipTargetDeletedError | undefined)[]> {
    try {
      const written = await this.statement(groupId, changes);
      const positions = { remove: 0, add: 0 };
      return changes.map((change) => written.get(`${change.kind} ${++positions[change.kind]}`));
    } catch (error) {
      const target = deletedTarget(error);
      if (!target) throw error;
      if (changes.length === 1) return [new MembershipTargetDeletedError(target)];
      const answers: (WrittenChange | MembershipTargetDeletedError | undefined)[] = [];
      for (const change of changes) answers.push(...(await this.writeGroup(groupId, [change])));
      return answers;
    }
  }

  /** One statement of the group's changes: those it made, by `kind position` (positions from 1 in each kind's list). */
  private async statement(groupId: string, changes: readonly PendingChange[]): Promise<Map<string, WrittenChange>> {
    const lists = (kind: Kind) => {
      const ofKind = changes.filter((change) => change.kind === kind);
      const columns: unknown[][] = [ofKind.map((change) => change.userId)];
      if (kind === 'add') columns.push(ofKind.map(() => randomUUID()));
      for (let column = 0; column < AUDIT_LIST.length; column++) columns.push(ofKind.map((change) => change.audit[column]));
      return columns;
    };
    // ON CONFLICT DO NOTHING settles concurrent inserts of one membership: the later one inserts nothing.
    const rows = await this.database.query<{
      kind: Kind;
      n: number | string;
      created_at: string;
      name: string;
      external_id: string | null;
      version: number | string;
    }>(this.sql, [groupId, ...lists('remove'), ...lists('add')]);
    return new Map(
      rows.map((row) => [`${row.kind} ${Number(row.n)}`, { version: Number(row.version), name: row.name, externalId: row.external_id, at: row.created_at }]),
    );
  }
}
