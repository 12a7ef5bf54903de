import { Client } from 'pg';
import request from 'supertest';
import { DatabaseUnavailableError } from '../src/database/database';
import { envelopeProblems } from './helpers/envelope';
import { createScimToken, expectScimError, GROUP_URN, patchOf, scimClient, USER_URN } from './helpers/scim';
import { TcpProxy } from './helpers/tcp-proxy';
import { createPostgresDatabase, createTestApp, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const TOKEN = 'token-outage-admin-0123456789abcdef';
const MEMBERS = 1500;
const WORKERS = 8;
const PAUSE_MS = 20;
const CUT_AT_MS = 600;
const OUTAGE_MS = 2000;
const LOAD_MS = 4500;

const usernames = Array.from({ length: MEMBERS }, (_, i) => `member-${String(i).padStart(4, '0')}@acme.test`);
const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'admin@acme.test' }, ...usernames.map((username) => ({ username }))],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    ...usernames.map((username) => ({ organization: 'acme', username, role: 'member' })),
  ],
  groups: [{ organization: 'acme', id: GROUP, name: 'Everyone', slug: 'everyone', role: 'member', members: usernames }],
  tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token: TOKEN }],
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Attempt {
  username: string;
  status: number;
  reqId: string;
  ms: number;
  body: unknown;
  headers: Record<string, string>;
}

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl) console.log('Skipping the database outage test: it needs PostgreSQL, and TEST_DATABASE_URL is not set');
const describeOnPostgres = databaseUrl ? describe : describe.skip;

describeOnPostgres('a PostgreSQL outage under load', () => {
  let proxy: TcpProxy;
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const direct = new URL(database.url);
    proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.listen();
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    // The database is made here, behind the proxy: the app only knows the proxy's address.
    t = await createTestApp('sqlite', { DATABASE_URL: proxied.toString() });
    await seed(t, fixture);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 in the envelope while the database is away, resumes by itself, and loses or doubles no removal', async () => {
    const attempts: Attempt[] = [];
    const queue = [...usernames];
    const started = Date.now();
    const removeNext = async (): Promise<void> => {
      while (Date.now() - started < LOAD_MS && queue.length > 0) {
        const username = queue.shift()!;
        const sent = Date.now();
        const response = await request(t.server).delete(`/api/v1/groups/${GROUP}/users/${username}`).set('Authorization', `Bearer ${TOKEN}`);
        attempts.push({
          username,
          status: response.status,
          reqId: response.headers['x-request-id'],
          ms: Date.now() - sent,
          body: response.body,
          headers: response.headers,
        });
        await sleep(PAUSE_MS);
      }
    };

    const outage = (async () => {
      await sleep(CUT_AT_MS);
      proxy.cut();
      const cutAt = Date.now();
      await sleep(OUTAGE_MS / 2);
      const statusDuring = await request(t.server).get('/api/status');
      await sleep(OUTAGE_MS / 2);
      await proxy.restore();
      const restoredAt = Date.now();
      let recoveredAt = 0;
      while (!recoveredAt && Date.now() - restoredAt < 15_000) {
        if ((await request(t.server).get('/api/status')).status === 200) recoveredAt = Date.now();
        else await sleep(50);
      }
      return { statusDuring, outageMs: restoredAt - cutAt, recoveryMs: recoveredAt - restoredAt, recovered: recoveredAt > 0 };
    })();

    await Promise.all(Array.from({ length: WORKERS }, removeNext));
    const { statusDuring, outageMs, recoveryMs, recovered } = await outage;
    // After the load, the service answers again without a restart.
    const after = await request(t.server).get('/api/status');

    const count = (status: number) => attempts.filter((attempt) => attempt.status === status).length;
    const unavailable = attempts.filter((attempt) => attempt.status === 503);
    const slowest503 = Math.max(0, ...unavailable.map((attempt) => attempt.ms));
    console.log(
      `Database outage: cut for ${outageMs} ms under load; ${attempts.length} removals: ${count(200)} × 200, ${unavailable.length} × 503 ` +
        `(slowest ${slowest503} ms), ${attempts.length - count(200) - unavailable.length} other; ` +
        `service back ${recoveryMs} ms after the database returned`,
    );

    expect(recovered).toBe(true);
    expect(after.status).toBe(200);
    expect(statusDuring.status).toBe(503);
    expect(envelopeProblems(statusDuring)).toEqual([]);
    expect(count(200)).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    // Every answer is a removal or the outage's 503: no 500, no hang.
    expect(attempts.filter((attempt) => attempt.status !== 200 && attempt.status !== 503)).toEqual([]);
    for (const attempt of unavailable) {
      expect(envelopeProblems(attempt)).toEqual([]);
      expect(attempt.body).toMatchObject({ error: 'ServiceUnavailable' });
      expect(attempt.headers['retry-after']).toBe('5');
    }
    expect(slowest503).toBeLessThan(5000);
    // The outage's warnings carry the database's errors, never a token.
    expect(t.logLines.map((line) => JSON.stringify(line)).join('\n')).not.toContain(TOKEN);

    // What the database holds, read past the proxy.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const members = new Set(
        (
          await client.query<{ username: string }>('SELECT u.username FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1', [
            GROUP,
          ])
        ).rows.map((row) => row.username),
      );
      const audit = (
        await client.query<{ req_id: string; username: string }>(
          "SELECT req_id, metadata->>'username' AS username FROM audit_logs WHERE event_type = 'remove-user-from-group'",
        )
      ).rows;
      const auditByReqId = new Map(audit.map((row) => [row.req_id, row.username]));
      expect(auditByReqId.size).toBe(audit.length);

      const answered = new Map(attempts.map((attempt) => [attempt.reqId, attempt]));
      for (const attempt of attempts) {
        if (attempt.status === 200) {
          // Reported removed: gone, with its one audit entry.
          expect(members.has(attempt.username)).toBe(false);
          expect(auditByReqId.get(attempt.reqId)).toBe(attempt.username);
        } else if (members.has(attempt.username)) {
          // Refused and still there: nothing was written.
          expect(auditByReqId.has(attempt.reqId)).toBe(false);
        } else {
          // Refused, yet gone: the commit went through and its answer was lost; then it has its audit entry.
          expect(auditByReqId.get(attempt.reqId)).toBe(attempt.username);
        }
      }
      // Every audit entry belongs to one of the removals, once; untried members are untouched.
      for (const [reqId, username] of auditByReqId) expect(answered.get(reqId)?.username).toBe(username);
      const tried = new Set(attempts.map((attempt) => attempt.username));
      expect(usernames.filter((username) => !tried.has(username) && !members.has(username))).toEqual([]);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('survives a connection that dies inside a transaction between two statements', async () => {
    const outcome = t.database.transaction(async (tx) => {
      await tx.query('SELECT 1');
      proxy.cut();
      // The connection's error arrives while no statement of the transaction runs.
      await sleep(100);
      return tx.query('SELECT 1');
    });
    await expect(outcome).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await proxy.restore();
    await expect(t.database.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('answers 503 in the SCIM error schema on the SCIM routes while the database is away, with Retry-After', async () => {
    const idp = scimClient(t, (await createScimToken(t, TOKEN, 'outage')).scimToken);
    const { id: userId } = (await idp.post('/Users', { schemas: [USER_URN], userName: 'scim-outage@acme.test' }).expect(201)).body;
    proxy.cut();
    try {
      const answers = [
        await idp.get('/Users?filter=' + encodeURIComponent('userName eq "scim-outage@acme.test"')),
        await idp.get(`/Users/${userId}`),
        await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'Outage' }),
        await idp.patch(`/Groups/${GROUP}`, patchOf({ op: 'add', path: 'members', value: [{ value: userId }] })),
      ];
      for (const answer of answers) {
        expectScimError(answer, 503);
        expect(answer.headers['retry-after']).toBe('5');
      }
    } finally {
      await proxy.restore();
    }
    let after = await idp.get(`/Users/${userId}`);
    for (const started = Date.now(); after.status !== 200 && Date.now() - started < 15_000; after = await idp.get(`/Users/${userId}`)) await sleep(50);
    expect(after.status).toBe(200);
    // Nothing that was refused was written.
    expect((await idp.get('/Groups?filter=' + encodeURIComponent('displayName eq "Outage"')).expect(200)).body.totalResults).toBe(0);
    const members = await t.database.query('SELECT 1 FROM group_memberships WHERE group_id = $1 AND user_id = $2', [GROUP, userId]);
    expect(members).toEqual([]);
  }, 30_000);
});
