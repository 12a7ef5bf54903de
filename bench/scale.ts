import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Dataset } from './dataset';
import { type LoadResult, LoadSummary, runLoad } from './load';
import { removeScenario } from './scenarios';
import { ServerProcess } from './server-process';

/**
 * `npm run bench:scale`: the `remove` scenario on PostgreSQL, with the service connected directly and
 * through a transaction-mode pooler, as one instance and as two sharing the load. BENCH_DATABASE_URL
 * names the database to create and drop (as for `npm run bench`); BENCH_PGBOUNCER_URL is a PgBouncer in
 * `pool_mode = transaction` in front of the same server. Prints a table; writes nothing.
 */
const databaseUrl = required('BENCH_DATABASE_URL');
const pgbouncerUrl = required('BENCH_PGBOUNCER_URL');
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const members = Number(process.env.BENCH_MEMBERS ?? 200_000);

interface Setup {
  readonly name: string;
  readonly instances: number;
  readonly pooled: boolean;
}

const SETUPS: Setup[] = [
  { name: 'direct, 1 instance', instances: 1, pooled: false },
  { name: 'PgBouncer (transaction), 1 instance', instances: 1, pooled: true },
  { name: 'direct, 2 instances', instances: 2, pooled: false },
  { name: 'PgBouncer (transaction), 2 instances', instances: 2, pooled: true },
];

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** The same database through PgBouncer. */
function pooledUrl(url: string): string {
  const pooled = new URL(pgbouncerUrl);
  pooled.pathname = new URL(url).pathname;
  return pooled.toString();
}

async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const dataset = await Dataset.create(
    { kind: 'postgres', url: databaseUrl },
    { members, listMembers: 10, cyclePool: 10, scimGroups: 0, scaleSizes: [], groups: 10, listOrgSizes: [] },
    say,
  );
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const nodeFlags = scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
  const results = new Map<string, LoadResult[]>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const setup of round % 2 === 0 ? SETUPS : [...SETUPS].reverse()) {
        say(`remove · ${setup.name} · round ${round + 1}/${rounds}`);
        const env = {
          DATABASE_URL: setup.pooled ? pooledUrl(dataset.url) : dataset.url,
          DATABASE_POOLER: setup.pooled ? 'transaction' : 'none',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          SEED_DEMO: 'false',
          REDIS_URL: '',
          RATE_LIMIT_READ_PER_MINUTE: '0',
          RATE_LIMIT_WRITE_PER_MINUTE: '0',
          RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0',
        };
        const servers: ServerProcess[] = [];
        try {
          for (let i = 0; i < setup.instances; i++)
            servers.push(await ServerProcess.start({ name: setup.name, args: [...nodeFlags, resolve('dist/main.js')], env }));
          const scenario = removeScenario('remove', dataset, dataset.groups.remove, members);
          for (const seconds of [warmupSeconds, durationSeconds]) {
            const run = scenario.start();
            // The connections split between the instances, as a load balancer would spread them.
            const parts = await Promise.all(
              servers.map((server) => runLoad({ port: server.port, connections: connections / servers.length, durationSeconds: seconds, plan: run.plan })),
            );
            if (run.exhausted()) throw new Error(`the run removed every member of the group: raise BENCH_MEMBERS`);
            for (const server of servers) await server.drain();
            await run.finish();
            if (seconds === durationSeconds) results.set(setup.name, [...(results.get(setup.name) ?? []), combined(parts)]);
          }
        } finally {
          for (const server of servers) await server.stop();
        }
      }
    }
  } finally {
    await dataset.close();
  }
  say(`\n| setup | req/s | p50 ms | p99 ms | non-200 |\n|---|---|---|---|---|`);
  for (const setup of SETUPS) {
    const summary = new LoadSummary(results.get(setup.name) ?? []);
    const others = summary.requests - (summary.statuses.get(200) ?? 0) + summary.errors;
    say(
      `| ${setup.name} | ${Math.round(summary.requests / summary.seconds)} | ${summary.percentile(50).toFixed(1)} | ${summary.percentile(99).toFixed(1)} | ${others} |`,
    );
  }
}

/** Runs on several instances at once, as one: their answers together, over the longest of their times. */
function combined(parts: readonly LoadResult[]): LoadResult {
  const statuses = new Map<number, number>();
  for (const part of parts) for (const [status, count] of part.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
  return {
    seconds: Math.max(...parts.map((part) => part.seconds)),
    latencies: parts.flatMap((part) => part.latencies),
    statuses,
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
