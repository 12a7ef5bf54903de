import type { Row } from '../../src/database/database';

/**
 * A load of membership changes, and the reconciliation of every answer with what the database holds:
 * removals of the group's members and additions of the organization's other users, each sent more
 * than once at the same time, so that exactly one of them may succeed.
 */
export const LOAD_GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
export const LOAD_TOKEN = 'membership-load-admin-token-0123456789';

export interface MembershipLoad {
  readonly fixture: unknown;
  /** In the group at first: each one is removed. */
  readonly members: readonly string[];
  /** In the organization, not in the group at first: each one is added. */
  readonly outsiders: readonly string[];
}

export function membershipLoad(size: number): MembershipLoad {
  const members = Array.from({ length: size }, (_, i) => `member-${String(i).padStart(4, '0')}@acme.test`);
  const outsiders = Array.from({ length: size }, (_, i) => `outsider-${String(i).padStart(4, '0')}@acme.test`);
  const everyone = [...members, ...outsiders];
  return {
    members,
    outsiders,
    fixture: {
      organizations: [{ slug: 'acme', name: 'Acme Inc' }],
      users: [{ username: 'admin@acme.test' }, ...everyone.map((username) => ({ username }))],
      memberships: [
        { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
        ...everyone.map((username) => ({ organization: 'acme', username, role: 'member' })),
      ],
      groups: [{ organization: 'acme', id: LOAD_GROUP, name: 'Everyone', slug: 'everyone', role: 'member', members }],
      tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token: LOAD_TOKEN }],
    },
  };
}

export type Change = 'remove' | 'add';

/** A request of the load and its answer; no status when none came (the connection failed or the service died). */
export interface Attempt {
  readonly change: Change;
  readonly username: string;
  status?: number;
  reqId?: string;
  body?: unknown;
}

/** Each change `copies` times, the copies of one change next to each other so that they race. */
export function membershipAttempts(load: MembershipLoad, copies: number): Attempt[] {
  const attempts: Attempt[] = [];
  for (let i = 0; i < load.members.length; i++) {
    for (const [change, username] of [
      ['remove', load.members[i]],
      ['add', load.outsiders[i]],
    ] as const) {
      for (let copy = 0; copy < copies; copy++) attempts.push({ change, username });
    }
  }
  return attempts;
}

/**
 * Sends `attempts` from `workers` clients at once, each to the base URL `baseFor` names for the attempt,
 * until every attempt is sent or `stop()` says so; resolves with the number sent. An attempt whose
 * connection fails is left unanswered.
 */
export async function sendMembershipLoad(
  attempts: readonly Attempt[],
  workers: number,
  baseFor: (index: number) => string,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  const work = async () => {
    while (next < attempts.length && !stop()) {
      const index = next++;
      const attempt = attempts[index];
      const path = `/api/v1/groups/${LOAD_GROUP}/users/${encodeURIComponent(attempt.username)}`;
      try {
        const response = await fetch(baseFor(index) + path, {
          method: attempt.change === 'remove' ? 'DELETE' : 'POST',
          headers: { authorization: `Bearer ${LOAD_TOKEN}` },
        });
        attempt.body = await response.json();
        attempt.status = response.status;
        attempt.reqId = response.headers.get('x-request-id') ?? undefined;
      } catch {
        // No answer: the change may or may not have been made, and the reconciliation allows either.
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  return next;
}

/** What the reconciliation found wrong: empty when every answer agrees with the database. */
export async function reconcileMembershipLoad(load: MembershipLoad, attempts: readonly Attempt[], query: (sql: string) => Promise<Row[]>): Promise<string[]> {
  const problems: string[] = [];
  for (const attempt of attempts) {
    if (attempt.status !== undefined && ![200, 404, 409, 400].includes(attempt.status)) {
      problems.push(`${attempt.change} ${attempt.username} answered ${attempt.status}: ${JSON.stringify(attempt.body)}`);
    }
  }
  const inGroup = new Set(
    (await query(`SELECT u.username FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = '${LOAD_GROUP}'`)).map((row) =>
      String(row.username),
    ),
  );
  const audit = await query("SELECT event_type, req_id, metadata FROM audit_logs WHERE event_type IN ('remove-user-from-group', 'add-user-to-group')");
  const auditOf = new Map<string, string[]>();
  for (const row of audit) {
    const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as { username: string; groupId: string };
    const change: Change = row.event_type === 'add-user-to-group' ? 'add' : 'remove';
    if (metadata.groupId !== LOAD_GROUP) problems.push(`an audit entry of another group: ${JSON.stringify(row)}`);
    const key = `${change} ${metadata.username}`;
    auditOf.set(key, [...(auditOf.get(key) ?? []), String(row.req_id)]);
  }
  const check = (change: Change, username: string, done: boolean) => {
    const key = `${change} ${username}`;
    const entries = auditOf.get(key) ?? [];
    auditOf.delete(key);
    const succeeded = attempts.filter((attempt) => attempt.change === change && attempt.username === username && attempt.status === 200);
    if (entries.length !== (done ? 1 : 0)) problems.push(`${key}: ${done ? 'done' : 'not done'}, with ${entries.length} audit entries`);
    if (succeeded.length > 1) problems.push(`${key}: answered 200 ${succeeded.length} times`);
    if (succeeded.length === 1 && (!done || entries[0] !== succeeded[0].reqId))
      problems.push(`${key}: answered 200 (${succeeded[0].reqId}) but done=${done}, audit ${entries.join(',')}`);
  };
  for (const username of load.members) check('remove', username, !inGroup.has(username));
  for (const username of load.outsiders) check('add', username, inGroup.has(username));
  for (const [key, entries] of auditOf) problems.push(`audit entries of no change of the load: ${key} ${entries.join(',')}`);
  return problems;
}
