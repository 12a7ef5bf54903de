import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.setup';
import { AppLogger } from '../../src/common/logging/logger';
import { AppConfig } from '../../src/config/app-config';
import { Database } from '../../src/database/database';
import { type FixtureSummary, loadFixture } from '../../src/cli/fixture-loader';
import { THROUGH_PGBOUNCER, throughPgBouncer } from './pgbouncer';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set; PostgreSQL alone when the suites run
 * again behind PgBouncer. Use with `describe.each`.
 */
export const DATABASE_KINDS: DatabaseKind[] = THROUGH_PGBOUNCER ? ['postgres'] : process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The settings of a PostgreSQL app: directly, or behind PgBouncer when the suites run through it. */
function postgresEnv(url: string): NodeJS.ProcessEnv {
  return THROUGH_PGBOUNCER ? { DATABASE_URL: throughPgBouncer(url), DATABASE_POOLER: 'transaction' } : { DATABASE_URL: url };
}

/** A suite sends more than a minute's allowance from one address: limits are on only where a spec sets them. */
const WITHOUT_RATE_LIMITS = { RATE_LIMIT_READ_PER_MINUTE: '0', RATE_LIMIT_WRITE_PER_MINUTE: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0' };

export interface TestApp {
  readonly app: NestExpressApplication;
  /** The HTTP server, for supertest's `request(...)`. */
  readonly server: ReturnType<NestExpressApplication['getHttpServer']>;
  readonly database: Database;
  /** Every line the service logged, as parsed JSON. */
  readonly logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The whole service, as `npm start` builds it, on a fresh database that the migrations built:
 * in-memory SQLite, or a new PostgreSQL database on the TEST_DATABASE_URL server, dropped on close.
 */
export async function createTestApp(kind: DatabaseKind, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const postgres = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const database = postgres ? postgresEnv(postgres.url) : { DATABASE_URL: 'sqlite::memory:' };
  const config = AppConfig.fromEnv({ ...database, LOG_LEVEL: 'info', ...WITHOUT_RATE_LIMITS, ...env });
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await createApp(config, new AppLogger(config.logLevel, sink));
  return {
    app,
    server: app.getHttpServer(),
    database: app.get(Database),
    logLines,
    async close() {
      await app.close();
      await postgres?.drop();
    },
  };
}

/** Loads a fixture (docs/contract.md, Fixtures) into the test app's database: the way e2e specs set up their data. */
export function seed(t: TestApp, fixture: unknown): Promise<FixtureSummary> {
  return loadFixture(t.database, fixture);
}

/** A PostgreSQL database of its own for one test file, on the server of TEST_DATABASE_URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const baseUrl = new URL(base);
  const baseName = baseUrl.pathname.slice(1);
  // A guard against pointing the tests at a real database: they create and drop databases.
  if (!baseName.includes('test')) throw new Error(`TEST_DATABASE_URL must name a database whose name contains "test", got "${baseName}"`);
  const name = `${baseName}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
