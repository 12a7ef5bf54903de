import type { Database } from '../../../database/database';
import { type PendingChange, PostgresMembershipChanges } from './postgres-membership-changes';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A statement sent to the stub database: the group, the users of each kind, and how to answer it. */
interface Sent {
  readonly groupId: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
  /** Answers as if every change of the statement was made, the group's version moving from `from`. */
  writeAll(from: number): void;
}

function stubDatabase(): { database: Database; sent: Sent[] } {
  const sent: Sent[] = [];
  const database = {
    listsTable: () => 'lists',
    query: (_sql: string, params: readonly unknown[]) =>
      new Promise((resolve) => {
        // $1 the group; 13 lists of removals (user, 12 audit columns), then 14 of additions (user, membership id, 12 audit columns).
        const removed = params[1] as string[];
        const added = params[14] as string[];
        sent.push({
          groupId: params[0] as string,
          removed,
          added,
          writeAll: (from) => {
            const rows = [
              ...removed.map((_, index) => ({ kind: 'remove', n: index + 1, created_at: (params[11] as string[])[index] })),
              ...added.map((_, index) => ({ kind: 'add', n: index + 1, created_at: (params[25] as string[])[index] })),
            ];
            resolve(rows.map((row, index) => ({ ...row, name: 'Team', external_id: null, version: from + index + 1 })));
          },
        });
      }),
  } as unknown as Database;
  return { database, sent };
}

const change = (kind: 'add' | 'remove', groupId: string, userId: string): PendingChange => ({
  kind,
  groupId,
  userId,
  audit: Array.from({ length: 12 }, (_, column) => (column === 9 ? '2026-01-01T00:00:00.000Z' : null)),
});

describe('PostgresMembershipChanges', () => {
  it("is one per database, so that the regular routes and SCIM share a group's queue and its limit", () => {
    const { database } = stubDatabase();
    expect(PostgresMembershipChanges.of(database)).toBe(PostgresMembershipChanges.of(database));
    expect(PostgresMembershipChanges.of(database)).not.toBe(PostgresMembershipChanges.of(stubDatabase().database));
  });

  it('keeps at most two statements of a group under way, the changes arriving meanwhile gathering for the next', async () => {
    const { database, sent } = stubDatabase();
    const changes = new PostgresMembershipChanges(database);
    const answers = [changes.change(change('remove', 'g', 'u1'))];
    await nextTurn();
    answers.push(changes.change(change('remove', 'g', 'u2')));
    await nextTurn();
    answers.push(changes.change(change('remove', 'g', 'u3')), changes.change(change('add', 'other', 'u3')));
    await nextTurn();
    answers.push(changes.change(change('add', 'g', 'u4')));
    await nextTurn();
    // Two statements of g under way: u3 and u4 wait; another group's change does not.
    expect(sent.map(({ groupId, removed, added }) => [groupId, removed, added])).toEqual([
      ['g', ['u1'], []],
      ['g', ['u2'], []],
      ['other', [], ['u3']],
    ]);
    sent[0].writeAll(1);
    await answers[0];
    await nextTurn();
    await nextTurn();
    expect(sent.map(({ groupId, removed, added }) => [groupId, removed, added])[3]).toEqual(['g', ['u3'], ['u4']]);
    sent[1].writeAll(2);
    sent[2].writeAll(7);
    sent[3].writeAll(3);
    expect((await Promise.all(answers)).map((answer) => answer?.version)).toEqual([2, 3, 4, 8, 5]);
  });
});
