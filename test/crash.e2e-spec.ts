import Sqlite from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadFixture } from '../src/cli/fixture-loader';
import { parseDatabaseUrl } from '../src/config/app-config';
import type { Row } from '../src/database/database';
import { databaseOf } from '../src/database/database-of';
import { dataSourceOptions } from '../src/database/data-source-options';
import { buildService } from './helpers/built-service';
import { ServiceProcess } from './helpers/service-process';
import { type Attempt, membershipAttempts, membershipLoad, reconcileMembershipLoad, sendMembershipLoad } from './helpers/membership-load';
import { createPostgresDatabase, DATABASE_KINDS } from './helpers/test-app';

let deployment: string;

beforeAll(async () => {
  deployment = await mkdtemp(join(tmpdir(), 'groups-crash-'));
  await buildService(deployment);
}, 120_000);

afterAll(() => rm(deployment, { recursive: true, force: true }));

const KILLS = 4;
const load = membershipLoad(1500);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The database migrated and loaded with the fixture, as the service will find it; closed again. */
async function prepare(url: string): Promise<void> {
  const config = parseDatabaseUrl(url);
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const database = await databaseOf(dataSource, config);
    await loadFixture(database, load.fixture);
    await (database as Partial<{ onApplicationShutdown(): Promise<void> }>).onApplicationShutdown?.();
  } finally {
    await dataSource.destroy();
  }
}

/** Runs `read` on the database while no service is running, and closes it again. */
async function readDatabase<T>(kind: 'sqlite' | 'postgres', url: string, read: (query: (sql: string) => Promise<Row[]>) => Promise<T>): Promise<T> {
  if (kind === 'sqlite') {
    const connection = new Sqlite(url.slice('sqlite:'.length));
    try {
      return await read(async (sql) => connection.prepare(sql).all() as Row[]);
    } finally {
      connection.close();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await read(async (sql) => (await client.query(sql)).rows as Row[]);
  } finally {
    await client.end();
  }
}

/** Log lines of level error or above that a run wrote. */
const errorLines = (output: string) => output.split('\n').filter((line) => /"level":(50|60)/.test(line));

describe.each(DATABASE_KINDS)('a service killed with SIGKILL under load, on %s', (kind) => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (kind === 'postgres') ({ url, drop } = await createPostgresDatabase());
    else {
      const folder = await mkdtemp(join(tmpdir(), 'groups-crash-db-'));
      url = `sqlite:${join(folder, 'groups.sqlite')}`;
      drop = () => rm(folder, { recursive: true, force: true });
    }
    await prepare(url);
  }, 60_000);
  afterAll(() => drop?.());

  it(`keeps every change answered 200, with exactly one audit entry, and none without one, over ${KILLS} kills at random moments`, async () => {
    const env = {
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMIT_READ_PER_MINUTE: '0',
      RATE_LIMIT_WRITE_PER_MINUTE: '0',
    };
    const attempts = membershipAttempts(load, 2);
    let sent = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const service = ServiceProcess.deployment(deployment, env);
      const base = await service.listening();
      let stopped = false;
      const rest: Attempt[] = attempts.slice(sent);
      const running = sendMembershipLoad(
        rest,
        16,
        () => base,
        () => stopped,
      );
      // At a random moment once answers flow: a loaded machine may take a while to answer the first.
      for (const started = Date.now(); !rest.some((attempt) => attempt.status !== undefined) && Date.now() - started < 30_000;) await sleep(10);
      await sleep(Math.random() * 700);
      const answeredBeforeKill = rest.filter((attempt) => attempt.status !== undefined).length;
      expect(await service.kill()).toBe('SIGKILL');
      stopped = true;
      sent += await running;
      // Killed in the middle of the load: answers had come back, and requests remained.
      expect(answeredBeforeKill).toBeGreaterThan(0);
      expect(sent).toBeLessThan(attempts.length);
      expect(errorLines(service.output)).toEqual([]);
      if (kind === 'sqlite') {
        await readDatabase(kind, url, async (query) => expect(await query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]));
      }
    }

    // It starts cleanly on what the kills left, and answers.
    const service = ServiceProcess.deployment(deployment, env);
    const base = await service.listening();
    expect((await fetch(`${base}/api/status`)).status).toBe(200);
    expect(await service.stop()).toBe(0);
    expect(errorLines(service.output)).toEqual([]);

    const answered = attempts.filter((attempt) => attempt.status !== undefined);
    expect(answered.filter((attempt) => attempt.status === 200).length).toBeGreaterThan(0);
    expect(await readDatabase(kind, url, (query) => reconcileMembershipLoad(load, attempts, query))).toEqual([]);
    console.log(
      `SIGKILL ${KILLS} times under load (${kind}): ${sent} requests sent, ${answered.length} answered ` +
        `(${answered.filter((attempt) => attempt.status === 200).length} with 200), ${sent - answered.length} cut by the kills; every answer reconciled`,
    );
  }, 120_000);
});
