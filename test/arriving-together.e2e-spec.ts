import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type RawRequest, sendTogether } from './helpers/raw-http';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';

const tokens = {
  admin: 'together-admin-0123456789abcdef',
  member: 'together-member-0123456789abcdef',
  revoked: 'together-revoked-0123456789abcdef',
  expired: 'together-expired-0123456789abcdef',
};

const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'admin@acme.test' }, { username: 'alice@acme.test' }, { username: 'bob@acme.test' }, { username: 'member@acme.test' }],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'alice@acme.test', role: 'member' },
    { organization: 'acme', username: 'bob@acme.test', role: 'member' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
  ],
  groups: [{ organization: 'acme', id: ENGINEERING, name: 'Engineering', slug: 'engineering', role: 'member', members: ['alice@acme.test'] }],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'admin@acme.test', name: 'revoked', token: tokens.revoked, revokedAt: '2026-01-01T00:00:00.000Z' },
    { organization: 'acme', username: 'admin@acme.test', name: 'expired', token: tokens.expired, expiresAt: '2026-01-01T00:00:00.000Z' },
  ],
};

const remove = (groupId: string, username: string, token: string): RawRequest => ({
  method: 'DELETE',
  target: `/api/v1/groups/${groupId}/users/${username}`,
  headers: [['Authorization', `Bearer ${token}`]],
});

/**
 * The requests that reach the same step together share one query for it (the token lookup, the group
 * and user lookup); each is still answered for its own token and target.
 */
describe.each(DATABASE_KINDS)('requests that arrive together on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('are each answered for their own token and target, through one token lookup and one group lookup', async () => {
    const query = jest.spyOn(t.database, 'query');
    const answers = await sendTogether(t.server as Server, [
      remove(ENGINEERING, 'alice@acme.test', tokens.admin),
      remove(ENGINEERING, 'bob@acme.test', tokens.admin),
      remove(MISSING, 'alice@acme.test', tokens.admin),
      remove(ENGINEERING, 'nobody@acme.test', tokens.admin),
      remove(ENGINEERING, 'alice@acme.test', 'together-unknown-0123456789abcdef'),
      remove(ENGINEERING, 'alice@acme.test', tokens.revoked),
      remove(ENGINEERING, 'alice@acme.test', tokens.expired),
      remove(ENGINEERING, 'alice@acme.test', tokens.member),
    ]);
    expect(answers.map(({ status, body }) => [status, (body as { message?: unknown }).message])).toEqual([
      [200, undefined],
      [404, 'User bob@acme.test is not part of the group engineering'],
      [404, `Failed to find group with ID ${MISSING}`],
      [404, 'Failed to find user with username nobody@acme.test'],
      [401, 'Invalid token'],
      [401, 'Token has been revoked'],
      [401, 'Token has expired'],
      [403, 'You are not allowed to edit on groups'],
    ]);
    expect(answers[0].body).toMatchObject({ username: 'alice@acme.test' });
    const statements = query.mock.calls.map(([sql]) => sql);
    expect(statements.filter((sql) => sql.includes('JOIN access_tokens'))).toHaveLength(1);
    expect(statements.filter((sql) => sql.includes('JOIN groups g ON g.id = k.group_id'))).toHaveLength(1);
  });

  it('reads lists of any length and content as a table, in their order', async () => {
    const texts = ['plain', "it's", 'a,b', '{braces}', '"quoted"', 'back\\slash', 'ünïcødé ✓', '', 'NULL'];
    const ids = texts.map(() => randomUUID());
    const listed = (idList: string[], textList: string[]) =>
      t.database.query<{ n: number | string; id: string; text: string }>(
        `SELECT l.n, l.id, l.text FROM ${t.database.listsTable(
          'l',
          [
            ['id', 'uuid'],
            ['text', 'text'],
          ],
          1,
        )} ORDER BY l.n`,
        [idList, textList],
      );
    const rows = await listed(ids, texts);
    expect(rows.map(({ n, id, text }) => [Number(n), id, text])).toEqual(texts.map((text, index) => [index + 1, ids[index], text]));
    expect(await listed([], [])).toEqual([]);
  });
});
