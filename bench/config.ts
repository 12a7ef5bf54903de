import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SCENARIOS = ['remove', 'remove+add', 'list', 'list-org', 'unauthorized', 'read', 'scim-read', 'scim-patch'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export type DatabaseTarget = { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly url: string };

export interface BenchConfig {
  readonly smoke: boolean;
  readonly databases: readonly DatabaseTarget[];
  /** The built service to start. */
  readonly serviceEntry: string;
  /** The Node.js flags it starts with. */
  readonly serviceNodeFlags: readonly string[];
  readonly scenarios: readonly ScenarioName[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Each round runs the service and every baseline once, in alternating order. */
  readonly rounds: number;
  /** Members of the group that the remove scenario empties. */
  readonly members: number;
  /** Members of the group that the list scenario searches. */
  readonly listMembers: number;
  /** Group sizes of the scale runs (none: no scale runs). */
  readonly scaleSizes: readonly number[];
  /** Groups in the organization (the named ones included). */
  readonly groups: number;
  readonly scaleRequests: number;
  readonly scaleConnections: number;
  /** Organization sizes (users) of the list runs at growing organization size (none: no such runs). */
  readonly listOrgSizes: readonly number[];
  /** Requests per list run at one organization size, on `scaleConnections` connections. */
  readonly listOrgRequests: number;
  /** Length of each of the two consecutive runs after which the service's RSS is compared (0: none). */
  readonly memoryRunSeconds: number;
  readonly startupSamples: number;
  /** Where the table goes; undefined: printed only. */
  readonly resultsFile: string | undefined;
  /** Where the service's CPU profile goes (node --cpu-prof), if anywhere. */
  readonly cpuProfileDir: string | undefined;
}

/** The full benchmark by default; `--smoke` (or BENCH_SMOKE=true): a few seconds of one scenario on small data. */
export function benchConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): BenchConfig {
  const smoke = argv.includes('--smoke') || env.BENCH_SMOKE === 'true';
  const postgresUrl = env.BENCH_DATABASE_URL?.trim();
  const defaultDatabases = postgresUrl ? 'sqlite,postgres' : 'sqlite';
  const databases = list(env, 'BENCH_DATABASES', defaultDatabases).map((kind): DatabaseTarget => {
    if (kind === 'sqlite') return { kind };
    if (kind === 'postgres' && postgresUrl) return { kind, url: postgresUrl };
    throw new Error(kind === 'postgres' ? 'BENCH_DATABASES names postgres but BENCH_DATABASE_URL is unset' : `unknown database "${kind}" in BENCH_DATABASES`);
  });
  const scenarios = list(env, 'BENCH_SCENARIOS', smoke ? 'remove' : SCENARIOS.join(',')).map((name) => {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario "${name}" in BENCH_SCENARIOS (known: ${SCENARIOS.join(', ')})`);
    return name as ScenarioName;
  });
  const scaleSizes = list(env, 'BENCH_SCALE', smoke ? '' : '1000,100000,1000000').map((size) => positive('BENCH_SCALE', size));
  const listOrgSizes = list(env, 'BENCH_LIST_ORG_SIZES', smoke ? '' : '1000,10000,100000,1000000').map((size) => positive('BENCH_LIST_ORG_SIZES', size));
  return {
    smoke,
    databases,
    serviceEntry: resolve(env.BENCH_SERVICE ?? 'dist/main.js'),
    serviceNodeFlags: startFlags(),
    scenarios,
    durationSeconds: number(env, 'BENCH_DURATION', smoke ? 2 : 10),
    warmupSeconds: number(env, 'BENCH_WARMUP', smoke ? 1 : 3),
    connections: number(env, 'BENCH_CONNECTIONS', 32),
    rounds: number(env, 'BENCH_ROUNDS', smoke ? 1 : 2),
    members: number(env, 'BENCH_MEMBERS', smoke ? 20_000 : 200_000),
    listMembers: number(env, 'BENCH_LIST_MEMBERS', smoke ? 1_000 : 10_000),
    scaleSizes,
    groups: number(env, 'BENCH_GROUPS', smoke ? 10 : 10_000),
    scaleRequests: number(env, 'BENCH_SCALE_REQUESTS', 800),
    scaleConnections: number(env, 'BENCH_SCALE_CONNECTIONS', 1),
    // Only with a list scenario: the largest organization would otherwise grow every other run's data.
    listOrgSizes: scenarios.some((name) => name === 'list' || name === 'list-org') ? [...listOrgSizes].sort((a, b) => a - b) : [],
    listOrgRequests: number(env, 'BENCH_LIST_ORG_REQUESTS', 200),
    memoryRunSeconds: number(env, 'BENCH_MEMORY_DURATION', smoke ? 2 : 60, 0),
    startupSamples: number(env, 'BENCH_STARTUPS', smoke ? 1 : 3),
    resultsFile: smoke ? undefined : resolve(env.BENCH_RESULTS ?? 'bench/RESULTS.md'),
    cpuProfileDir: env.BENCH_CPU_PROFILE?.trim() ? resolve(env.BENCH_CPU_PROFILE.trim()) : undefined,
  };
}

/** The flags that `npm start` gives Node.js (the heap limit): the service is measured as it runs. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** Set but empty means an empty list (e.g. BENCH_SCALE= turns the scale runs off). */
function list(env: NodeJS.ProcessEnv, name: string, fallback: string): string[] {
  return (env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  return raw ? positive(name, raw, min) : fallback;
}

function positive(name: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return value;
}
