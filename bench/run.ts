/**
 * `npm run bench`: the service against a bare `node:http` baseline, on SQLite and PostgreSQL.
 * Configuration and method: bench/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { type BenchConfig, benchConfig, type DatabaseTarget, type ScenarioName } from './config';
import { Dataset } from './dataset';
import { type LoadResult, LoadSummary, runLoad } from './load';
import { fullScanWarnings, SequentialScanCounter } from './query-plans';
import { BASELINE, type DatabaseReport, renderReport, type ScenarioResult, SERVICE, writeResults } from './report';
import { listScenario, removeScenario, type Scenario, scenario } from './scenarios';
import { RssSampler, ServerProcess, type ServerSpec, sleep } from './server-process';

/** Far above any p99 of a server that is not overloaded (an overloaded one is drained first). */
const IN_FLIGHT_GRACE_MS = 250;
/** An idle PostgreSQL backend reports its pending statistics within 10 s. */
const STATS_DELAY_MS = 10_500;
/** Larger than any run's request count: the rate limits are counted but never reached. */
const UNREACHED_RATE_LIMIT = '1000000000';
/** Users of the remove+add cycle per connection: each connection cycles over users of its own. */
const CYCLE_USERS_PER_CONNECTION = 4;

const startedAt = Date.now();
function progress(scope: string, line: string): void {
  console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${scope}: ${line}`);
}

async function main(): Promise<void> {
  const config = benchConfig();
  const baselineEntry = transpileBaseline();
  const autocannonVersion = (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }).version;
  const sections = new Map<'sqlite' | 'postgres', string>();
  let failed = false;
  for (const target of config.databases) {
    const report = await benchDatabase(config, target, baselineEntry);
    const text = renderReport(report, config, autocannonVersion);
    console.log(`\n${text}\n`);
    sections.set(target.kind, text);
    failed ||= report.failures.length > 0;
  }
  if (config.resultsFile) {
    writeResults(config.resultsFile, sections);
    console.log(`written to ${config.resultsFile}`);
  }
  if (failed) process.exitCode = 1;
}

async function benchDatabase(config: BenchConfig, target: DatabaseTarget, baselineEntry: string): Promise<DatabaseReport> {
  const say = (line: string) => progress(target.kind, line);
  const cyclePool = config.connections * CYCLE_USERS_PER_CONNECTION;
  say('preparing data');
  const dataset = await Dataset.create(
    target,
    {
      members: config.members,
      listMembers: config.listMembers,
      cyclePool,
      scimGroups: config.connections,
      scaleSizes: config.scaleSizes,
      groups: config.groups,
      listOrgSizes: config.listOrgSizes,
    },
    say,
  );
  const failures: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    const warnings = await fullScanWarnings(dataset);
    const serviceSpec: ServerSpec = {
      name: SERVICE,
      args: [...config.serviceNodeFlags, config.serviceEntry],
      env: {
        DATABASE_URL: dataset.url,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        SEED_DEMO: 'false',
        INITIAL_ADMIN_TOKEN: '',
        REDIS_URL: '',
        RATE_LIMIT_READ_PER_MINUTE: UNREACHED_RATE_LIMIT,
        RATE_LIMIT_WRITE_PER_MINUTE: UNREACHED_RATE_LIMIT,
        RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: UNREACHED_RATE_LIMIT,
      },
    };
    const startupMs: number[] = [];
    for (let sample = 1; sample < config.startupSamples; sample++) {
      const probe = await ServerProcess.start(serviceSpec);
      startupMs.push(probe.startup);
      await probe.stop();
    }
    // A profile covers the whole life of a server that takes the load; it is written when it stops.
    const profile = config.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.cpuProfileDir}`] : [];
    const service = await ServerProcess.start({ ...serviceSpec, args: [...profile, ...serviceSpec.args] });
    startupMs.push(service.startup);
    servers.push(service);
    say(`service started in ${startupMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const forms = dataset.dialect === 'postgres' ? ['stepwise', 'combined'] : ['stepwise'];
    for (const form of forms) {
      servers.push(
        await ServerProcess.start({
          name: form === 'stepwise' ? BASELINE : `${BASELINE} (2 statements)`,
          args: [...profile, baselineEntry],
          env: { DATABASE_URL: dataset.url, BASELINE_FORM: form },
        }),
      );
    }
    if (config.cpuProfileDir) say(`CPU profiles, named by process id: ${servers.map((server) => `${server.name} ${server.pid}`).join(', ')}`);
    const samplers = new Map(servers.map((server) => [server.name, new RssSampler(server)]));

    const runner = new Runner(config, dataset, servers, warnings, failures, say);
    const scenarios: ScenarioResult[] = [];
    for (const name of config.scenarios) scenarios.push(await runner.scenario(runner.named(name), config.connections));
    const scale = [];
    for (const members of config.scaleSizes) {
      const result = await runner.scenario(
        removeScenario(`remove, ${members} members`, dataset, dataset.groups.scale.get(members)!, members),
        config.scaleConnections,
        config.scaleRequests,
      );
      scale.push({ ...result, members });
    }
    const listOrganizations = [];
    for (const name of config.scenarios.filter((name) => name === 'list' || name === 'list-org')) {
      for (const organization of dataset.listOrganizations) {
        const result = await runner.scenario(
          listScenario(`${name}, ${organization.users} users`, organization.group, organization.token, name === 'list'),
          config.scaleConnections,
          config.listOrgRequests,
        );
        listOrganizations.push({ ...result, scenario: name, users: organization.users, members: organization.members });
      }
    }
    const memory = await runner.memory();
    const peakRssMiB = new Map([...samplers].map(([name, sampler]) => [name, sampler.stop().peak]));
    return {
      kind: target.kind,
      version: await dataset.version(),
      date: new Date(startedAt),
      startupMs,
      scenarios,
      scale,
      listOrganizations,
      peakRssMiB,
      memory,
      warnings,
      failures,
    };
  } finally {
    for (const server of servers) await server.stop();
    await dataset.close();
  }
}

/** Runs scenarios on every server, alternating their order from round to round. */
class Runner {
  private readonly routes = new Map<string, boolean>();

  constructor(
    private readonly config: BenchConfig,
    private readonly dataset: Dataset,
    private readonly servers: readonly ServerProcess[],
    private readonly warnings: string[],
    private readonly failures: string[],
    private readonly say: (line: string) => void,
  ) {}

  named(name: ScenarioName): Scenario {
    return scenario(name, this.dataset, {
      members: this.config.members,
      cyclePool: this.config.connections * CYCLE_USERS_PER_CONNECTION,
      connections: this.config.connections,
    });
  }

  /** A duration-bound run per server and round, or, with `amount`, a run of that many requests. */
  async scenario(scenario: Scenario, connections: number, amount?: number): Promise<ScenarioResult> {
    const results = new Map<string, LoadResult[]>();
    const rounds = this.config.rounds;
    // Counted over the whole scenario: the baselines' statements use indexes (see fullScanWarnings),
    // so rows read by sequential scans are the service's.
    await this.compareAnswers(scenario);
    const counter = await SequentialScanCounter.start(this.dataset);
    let serviceRequests = 0;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? this.servers : [...this.servers].reverse();
      for (const server of order) {
        if (!(await this.hasRoute(server, scenario))) continue;
        this.say(`${scenario.name} · ${server.name}${rounds > 1 ? ` · round ${round + 1}/${rounds}` : ''}`);
        const load = amount === undefined ? { durationSeconds: this.config.durationSeconds } : { amount };
        const warmup = amount === undefined ? { durationSeconds: this.config.warmupSeconds } : { amount: Math.max(connections, Math.round(amount / 10)) };
        const warm = await this.run(server, scenario, connections, warmup);
        const result = await this.run(server, scenario, connections, load);
        if (server.name === SERVICE) serviceRequests += warm.latencies.length + result.latencies.length;
        results.set(server.name, [...(results.get(server.name) ?? []), result]);
      }
    }
    if (counter && serviceRequests > 0) {
      await sleep(STATS_DELAY_MS);
      this.warnings.push(...(await counter.warnings(serviceRequests, `${scenario.name} on the service`)));
    }
    const servers = this.servers.map((server) => {
      const runs = results.get(server.name);
      return { server: server.name, summary: runs && new LoadSummary(runs) };
    });
    for (const { server, summary } of servers) {
      if (!summary) {
        if (server === SERVICE)
          this.failures.push(`${scenario.name}: the service has no route for ${scenario.probe.method} ${scenario.probe.path.split('?')[0]}`);
        continue;
      }
      const share = summary.share(scenario.expectedStatus);
      if (summary.requests === 0) {
        this.failures.push(`${scenario.name} on ${server}: no answer at all`);
      } else if (share < 1) {
        const others = [...summary.statuses].filter(([status]) => status !== scenario.expectedStatus).map(([status, count]) => `${count}× ${status}`);
        this.failures.push(`${scenario.name} on ${server}: ${(share * 100).toFixed(2)} % answered ${scenario.expectedStatus}, others: ${others.join(', ')}`);
      }
      if (summary.errors > 0) this.failures.push(`${scenario.name} on ${server}: ${summary.errors} connection errors or timeouts`);
    }
    return { scenario: scenario.name, expectedStatus: scenario.expectedStatus, servers };
  }

  /**
   * The service's RSS after two consecutive runs of the first scenario it has that runs long without
   * running out of data: growth between them is a leak.
   */
  async memory(): Promise<DatabaseReport['memory']> {
    if (this.config.memoryRunSeconds === 0) return undefined;
    const service = this.servers.find((server) => server.name === SERVICE)!;
    for (const name of ['remove+add', 'remove', 'unauthorized'] as const) {
      const chosen = this.named(name);
      if (!(await this.hasRoute(service, chosen))) continue;
      const settledMiB = [];
      for (let run = 1; run <= 2; run++) {
        this.say(`memory · ${name} · run ${run}/2 of ${this.config.memoryRunSeconds} s`);
        const sampler = new RssSampler(service);
        const result = new LoadSummary([await this.run(service, chosen, this.config.connections, { durationSeconds: this.config.memoryRunSeconds })]);
        settledMiB.push(sampler.stop().settled);
        if (result.share(chosen.expectedStatus) < 1) this.failures.push(`memory run ${run} of ${name}: not every request answered ${chosen.expectedStatus}`);
      }
      return { scenario: name, settledMiB };
    }
    return undefined;
  }

  private async run(server: ServerProcess, scenario: Scenario, connections: number, load: { durationSeconds?: number; amount?: number }): Promise<LoadResult> {
    const run = scenario.start();
    await this.dataset.emptyLog();
    const result = await runLoad({ port: server.port, connections, plan: run.plan, ...load });
    await server.drain();
    // The requests that were under way when the load stopped finish too, before the data is restored.
    await sleep(IN_FLIGHT_GRACE_MS);
    await run.finish();
    if (run.exhausted()) this.failures.push(`${scenario.name} on ${server.name}: the group ran out of members; raise BENCH_MEMBERS`);
    return result;
  }

  /** Fails the run when the servers that have the route answer any of the scenario's `sameAnswers` differently. */
  private async compareAnswers(scenario: Scenario): Promise<void> {
    for (const { method, path, token } of scenario.sameAnswers ?? []) {
      const answers = new Map<string, string>();
      for (const server of this.servers) {
        if (!(await this.hasRoute(server, scenario))) continue;
        const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
        answers.set(server.name, `${response.status} ${JSON.stringify(await response.json())}`);
      }
      const distinct = new Set(answers.values());
      if (distinct.size > 1) {
        this.failures.push(
          `${scenario.name}: the servers answer ${method} ${path} differently: ${[...answers].map(([name, answer]) => `${name}: ${answer.slice(0, 300)}`).join(' | ')}`,
        );
      }
    }
  }

  /** A server has a route when it answers a request with an unknown token with 401 rather than 404. */
  private async hasRoute(server: ServerProcess, scenario: Scenario): Promise<boolean> {
    const key = `${server.name} ${scenario.probe.method} ${scenario.probe.path}`;
    if (!this.routes.has(key)) {
      const { method, path, token } = scenario.probe;
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      this.routes.set(key, response.status === 401);
      if (response.status !== 401) this.say(`${scenario.name} · ${server.name}: skipped, ${method} answered ${response.status} to an unknown token`);
    }
    return this.routes.get(key)!;
  }
}

/**
 * The baseline runs on plain node, as lean as it can be: its two files are transpiled next to the
 * dependencies (node_modules/.cache), where `require('pg')` resolves.
 */
function transpileBaseline(): string {
  const outDir = resolve('node_modules/.cache/groups-bench');
  mkdirSync(outDir, { recursive: true });
  for (const file of ['baseline-server.ts', 'baseline-statements.ts']) {
    const source = readFileSync(resolve('bench', file), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true },
      fileName: file,
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
  }
  return join(outDir, 'baseline-server.js');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
