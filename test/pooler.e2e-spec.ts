import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { transactionPoolerFound } from '../src/database/postgres/pooler-check';
import { POOLER_FOUND_AT_RUN_TIME, PostgresDatabase } from '../src/database/postgres/postgres-database';
import { expectEnvelope } from './helpers/envelope';
import { LOAD_GROUP, LOAD_TOKEN, membershipAttempts, membershipLoad, reconcileMembershipLoad, sendMembershipLoad } from './helpers/membership-load';
import { PGBOUNCER_URL, throughPgBouncer } from './helpers/pgbouncer';
import { createPostgresDatabase, createTestApp, seed, type TestApp } from './helpers/test-app';

const ready = Boolean(PGBOUNCER_URL && process.env.TEST_DATABASE_URL);
// Under CI a missing PgBouncer fails the suite: these tests are never skipped there.
if (!ready && process.env.CI) throw new Error('The PgBouncer tests need TEST_PGBOUNCER_URL and TEST_DATABASE_URL, which .ci/run sets');
if (!ready) console.log('Skipping the PgBouncer tests: TEST_PGBOUNCER_URL or TEST_DATABASE_URL is not set');
const describeBehindPgBouncer = ready ? describe : describe.skip;

const POOLER = { DATABASE_POOLER: 'transaction' };
const pidOf = async (run: Promise<{ rows: { pid: number }[] }>) => (await run).rows[0].pid;

describeBehindPgBouncer('PostgreSQL behind PgBouncer in transaction mode', () => {
  let database: { url: string; drop(): Promise<void> };
  let pooled: string;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    pooled = throughPgBouncer(database.url);
  });
  afterAll(() => database?.drop());

  describe('without DATABASE_POOLER', () => {
    it('refuses to start, and says which setting to set', async () => {
      await expect(createTestApp('sqlite', { DATABASE_URL: pooled })).rejects.toThrow(/unsupported startup parameter.*set DATABASE_POOLER=transaction/);
    });

    it('tells the pooler from a direct connection at start-up', async () => {
      const behindPooler = new Pool({ connectionString: pooled });
      const direct = new Pool({ connectionString: database.url });
      try {
        expect(await transactionPoolerFound(behindPooler)).toBe(true);
        expect(await transactionPoolerFound(direct)).toBe(false);
      } finally {
        await Promise.all([behindPooler.end(), direct.end()]);
      }
    });

    it('answers the statement that a pooler broke, says so once, and goes on in pooler mode', async () => {
      // One client connection, and PgBouncer's server connections taken in turn so that it meets two of them.
      const pool = new Pool({ connectionString: pooled, max: 1 });
      const holder = new Client({ connectionString: pooled });
      const reports: string[] = [];
      const postgres = new PostgresDatabase(pool, 'none', (message) => reports.push(message));
      try {
        const first = (await postgres.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0].pid;
        await holder.connect();
        await holder.query('BEGIN');
        // PgBouncer hands out the server connection released last: the one that has the named statement.
        expect(await pidOf(holder.query('SELECT pg_backend_pid() AS pid'))).toBe(first);
        const second = (await postgres.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0].pid;
        expect(second).not.toBe(first);
        expect(reports).toEqual([POOLER_FOUND_AT_RUN_TIME]);
        expect(postgres.mode).toBe('transaction');
        await holder.query('COMMIT');
        expect(await postgres.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
        expect(reports).toHaveLength(1);
      } finally {
        await holder.end();
        await pool.end();
      }
    });
  });

  describe('with DATABASE_POOLER=transaction', () => {
    const load = membershipLoad(120);
    let instances: TestApp[];
    let bases: string[];
    beforeAll(async () => {
      instances = [];
      for (let i = 0; i < 2; i++) instances.push(await createTestApp('sqlite', { DATABASE_URL: pooled, ...POOLER }));
      await seed(instances[0], load.fixture);
      bases = [];
      for (const instance of instances) {
        await instance.app.listen(0, '127.0.0.1');
        bases.push(`http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`);
      }
    }, 60_000);
    afterAll(async () => {
      for (const instance of instances ?? []) await instance.close();
    });

    it('sets its connection settings in every transaction, as a pooler needs: the statement timeout, and JIT off', async () => {
      const settings = "SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit";
      const expected = [{ timeout: '5s', jit: 'off' }];
      expect(await instances[0].database.query(settings)).toEqual(expected);
      expect(await instances[0].database.transaction((tx) => tx.query(settings))).toEqual(expected);
    });

    it('holds the 5 s statement timeout with nothing set on the pooler: a lock held longer fails reads, single writes and transactions with 503', async () => {
      const locker = new Client({ connectionString: database.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        // Reads of groups and memberships still pass; writes to them, and reads of the audit log, wait.
        await locker.query('LOCK TABLE groups, group_memberships IN EXCLUSIVE MODE');
        await locker.query('LOCK TABLE audit_logs IN ACCESS EXCLUSIVE MODE');
        const auth = { Authorization: `Bearer ${LOAD_TOKEN}` };
        const [removal, update, auditRead] = await Promise.all([
          request(instances[0].server).delete(`/api/v1/groups/${LOAD_GROUP}/users/${load.members[0]}`).set(auth),
          request(instances[1].server).patch(`/api/v1/groups/${LOAD_GROUP}`).set(auth).send({ name: 'Renamed' }),
          request(instances[0].server).get('/api/v1/organization/audit-logs').set(auth),
        ]);
        // Answered while the lock is still held: PostgreSQL gave up waiting, and nothing waits there any more.
        for (const response of [removal, update, auditRead]) expectEnvelope(response, 503, 'ServiceUnavailable');
        const waiting = await locker.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        expect(waiting.rows).toEqual([{ n: 0 }]);
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      const [group] = await instances[0].database.query<{ name: string }>('SELECT name FROM groups WHERE id = $1', [LOAD_GROUP]);
      expect(group.name).toBe('Everyone');
      expect(await instances[0].database.query('SELECT id FROM audit_logs')).toEqual([]);
    }, 30_000);

    it('serves two instances under a load of removals and additions: no 5xx, each change once, each with its audit entry', async () => {
      const attempts = membershipAttempts(load, 3);
      await sendMembershipLoad(attempts, 24, (index) => bases[index % 2]);
      expect(attempts.filter((attempt) => attempt.status === undefined)).toEqual([]);
      expect(await reconcileMembershipLoad(load, attempts, (sql) => instances[1].database.query(sql))).toEqual([]);
      for (const change of ['remove', 'add'] as const) {
        expect(attempts.filter((attempt) => attempt.change === change && attempt.status === 200)).toHaveLength(load.members.length);
      }
    }, 60_000);

    it('creates, reads, edits, lists and deletes groups through both instances', async () => {
      const auth = { Authorization: `Bearer ${LOAD_TOKEN}` };
      const created = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          request(instances[i % 2].server)
            .post('/api/v1/groups')
            .set(auth)
            .send({ name: `Team ${i}` }),
        ),
      );
      for (const response of created) expect(response.status).toBe(200);
      const ids = created.map((response) => response.body.id as string);
      const edited = await Promise.all(
        ids.map((id, i) =>
          request(instances[(i + 1) % 2].server)
            .patch(`/api/v1/groups/${id}`)
            .set(auth)
            .send({ name: `Squad ${i}` }),
        ),
      );
      for (const response of edited) expect(response.status).toBe(200);
      const deleted = await Promise.all(ids.flatMap((id) => [0, 1].map((i) => request(instances[i].server).delete(`/api/v1/groups/${id}`).set(auth))));
      expect(deleted.map((response) => response.status).sort()).toEqual([...Array<number>(12).fill(200), ...Array<number>(12).fill(404)]);
      const list = await request(instances[0].server).get('/api/v1/groups').set(auth).expect(200);
      expect(list.body.map((group: { id: string }) => group.id)).toEqual([LOAD_GROUP]);
      const audit = await instances[0].database.query<{ event_type: string; req_id: string }>(
        "SELECT event_type, req_id FROM audit_logs WHERE event_type IN ('create-group', 'update-group', 'delete-group')",
      );
      const answered = [...created, ...edited, ...deleted.filter((response) => response.status === 200)].map((response) => response.headers['x-request-id']);
      expect(audit.map((row) => row.req_id).sort()).toEqual(answered.sort());
    }, 60_000);
  });
});
