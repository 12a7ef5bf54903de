import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchConfig } from './config';
import type { LoadSummary } from './load';

export const SERVICE = 'service';
export const BASELINE = 'baseline';

export interface ServerResult {
  readonly server: string;
  /** Undefined when the server does not have the scenario's route. */
  readonly summary?: LoadSummary;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly expectedStatus: number;
  readonly servers: readonly ServerResult[];
}

export interface DatabaseReport {
  readonly kind: 'sqlite' | 'postgres';
  readonly version: string;
  readonly date: Date;
  readonly startupMs: readonly number[];
  readonly scenarios: readonly ScenarioResult[];
  readonly scale: readonly (ScenarioResult & { readonly members: number })[];
  /** The list scenarios in organizations of growing size (`users`), searching a group of `members`. */
  readonly listOrganizations: readonly (ScenarioResult & { readonly users: number; readonly members: number })[];
  readonly peakRssMiB: ReadonlyMap<string, number | undefined>;
  /** The service's RSS during the second half of each of two consecutive runs (median of the samples). */
  readonly memory?: { readonly scenario: string; readonly settledMiB: readonly (number | undefined)[] };
  readonly warnings: readonly string[];
  readonly failures: readonly string[];
}

/** Each SCIM scenario and the regular-API scenario that does the same work. */
const SCIM_COUNTERPARTS = [
  ['scim-read', 'read'],
  ['scim-patch', 'remove+add'],
] as const;

const TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The report of one database, as Markdown (also what the terminal shows). */
export function renderReport(report: DatabaseReport, config: BenchConfig, autocannonVersion: string): string {
  const lines = [
    `## ${TITLES[report.kind]}`,
    '',
    `${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()} · Node ${process.version} · ${report.version} · autocannon ${autocannonVersion}`,
    '',
    `${config.connections} connections, ${config.durationSeconds} s per run after a ${config.warmupSeconds} s warm-up, ` +
      `${config.rounds} round(s) alternating service and baselines; remove group of ${config.members.toLocaleString('en-US')} members, ` +
      `organization of ${config.groups.toLocaleString('en-US')} groups. Latencies as the load generator saw them.`,
    '',
    '| scenario | server | req/s | p50 ms | p99 ms | errors | non-2xx | expected status | req/s × baseline | p99 × baseline | peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of report.scenarios) {
    const baseline = result.servers.find((s) => s.server === BASELINE)?.summary;
    for (const { server, summary } of result.servers) {
      if (!summary) {
        lines.push(`| ${result.scenario} | ${server} | no such route | | | | | | | | |`);
        continue;
      }
      lines.push(
        `| ${result.scenario} | ${server} | ${fixed(summary.perSecond, 0)} | ${fixed(summary.percentile(50), 2)} | ${fixed(summary.percentile(99), 2)} | ` +
          `${summary.errors} | ${percent(summary.non2xxShare)} | ${percent(summary.share(result.expectedStatus))} ${result.expectedStatus} | ` +
          `${baseline ? fixed(summary.perSecond / baseline.perSecond, 2) : '–'} | ${baseline ? fixed(summary.percentile(99) / baseline.percentile(99), 2) : '–'} | ` +
          `${fixed(report.peakRssMiB.get(server), 0)} |`,
      );
    }
  }

  const comparisons = SCIM_COUNTERPARTS.map(([scim, regular]) => {
    const service = (name: string) => report.scenarios.find((result) => result.scenario === name)?.servers.find((s) => s.server === SERVICE)?.summary;
    const [ours, theirs] = [service(scim), service(regular)];
    return ours && theirs
      ? `- \`${scim}\` runs at ${fixed(ours.perSecond / theirs.perSecond, 2)}× the req/s of \`${regular}\`, p50 ${fixed(ours.percentile(50) / theirs.percentile(50), 2)}×, p99 ${fixed(ours.percentile(99) / theirs.percentile(99), 2)}×.`
      : undefined;
  }).filter((line) => line !== undefined);
  if (comparisons.length > 0) lines.push('', 'SCIM against the regular API, on the service:', '', ...comparisons);

  if (report.scale.length > 0) {
    const smallest = new Map(report.scale[0].servers.map((s) => [s.server, s.summary]));
    lines.push(
      '',
      `Scale: remove from groups of growing size, ${config.scaleConnections} connection(s), ${config.scaleRequests} requests per run and round.`,
      '',
      '| group members | server | req/s | p50 ms | p99 ms | expected status | p50 × smallest group |',
      '|---:|---|---:|---:|---:|---:|---:|',
    );
    for (const result of report.scale) {
      for (const { server, summary } of result.servers) {
        if (!summary) continue;
        const reference = smallest.get(server);
        lines.push(
          `| ${result.members.toLocaleString('en-US')} | ${server} | ${fixed(summary.perSecond, 0)} | ${fixed(summary.percentile(50), 2)} | ${fixed(summary.percentile(99), 2)} | ` +
            `${percent(summary.share(result.expectedStatus))} ${result.expectedStatus} | ${reference ? fixed(summary.percentile(50) / reference.percentile(50), 2) : '–'} |`,
        );
      }
    }
  }

  if (report.listOrganizations.length > 0) {
    lines.push(
      '',
      `Lists in organizations of growing size (the same users, a group of up to ${config.listMembers.toLocaleString('en-US')} of them), ` +
        `${config.scaleConnections} connection(s), ${config.listOrgRequests} requests per run and round.`,
      '',
      '| scenario | organization users | group members | server | req/s | p50 ms | p99 ms | expected status | p50 × baseline | p50 × smallest organization |',
      '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const result of report.listOrganizations) {
      const smallest = report.listOrganizations.find((other) => other.scenario === result.scenario);
      const baseline = result.servers.find((s) => s.server === BASELINE)?.summary;
      for (const { server, summary } of result.servers) {
        if (!summary) continue;
        const reference = smallest?.servers.find((s) => s.server === server)?.summary;
        lines.push(
          `| ${result.scenario} | ${result.users.toLocaleString('en-US')} | ${result.members.toLocaleString('en-US')} | ${server} | ${fixed(summary.perSecond, 0)} | ` +
            `${fixed(summary.percentile(50), 2)} | ${fixed(summary.percentile(99), 2)} | ${percent(summary.share(result.expectedStatus))} ${result.expectedStatus} | ` +
            `${baseline ? fixed(summary.percentile(50) / baseline.percentile(50), 2) : '–'} | ${reference ? fixed(summary.percentile(50) / reference.percentile(50), 2) : '–'} |`,
        );
      }
    }
  }

  lines.push('');
  if (report.memory) {
    const [first, second] = report.memory.settledMiB;
    const growth = first && second ? ` (${second >= first ? '+' : ''}${(((second - first) / first) * 100).toFixed(1)} %)` : '';
    lines.push(
      `Service RSS in two consecutive ${config.memoryRunSeconds} s runs of ${report.memory.scenario} (median of the second half of each run): ` +
        `${fixed(first, 0)} MiB, then ${fixed(second, 0)} MiB${growth}.`,
    );
  }
  const startups = [...report.startupMs].sort((a, b) => a - b);
  lines.push(
    `Service start-up to the first answered GET /api/status on a migrated database: median ${fixed(startups[Math.floor(startups.length / 2)], 0)} ms ` +
      `(${startups.map((ms) => fixed(ms, 0)).join(', ')} ms).`,
  );
  for (const [title, items] of [
    ['Warnings', report.warnings],
    ['Failures', report.failures],
  ] as const) {
    if (items.length > 0) lines.push('', `${title}:`, '', ...items.map((item) => `- ${item}`));
  }
  return lines.join('\n');
}

/**
 * Replaces the section of each database that ran and keeps the others, so that runs on one database
 * at a time build one file.
 */
export function writeResults(file: string, sections: ReadonlyMap<'sqlite' | 'postgres', string>): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = (kind: 'sqlite' | 'postgres' | 'targeted' | 'scale' | 'seed') => {
    const match = new RegExp(`<!-- ${kind} -->\\n[\\s\\S]*?<!-- /${kind} -->`).exec(previous);
    return match?.[0];
  };
  const parts = (['sqlite', 'postgres'] as const)
    .map((kind) => (sections.has(kind) ? `<!-- ${kind} -->\n${sections.get(kind)}\n<!-- /${kind} -->` : kept(kind)))
    .filter((part): part is string => part !== undefined);
  // Written by hand: runs of chosen scenarios, kept until a full run replaces what they measured, and
  // the figures of `npm run bench:scale` and `npm run bench:seed`, which it does not measure.
  for (const section of [kept('targeted'), kept('scale'), kept('seed')]) if (section) parts.push(section);
  const header = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (see `bench/README.md`). `baseline` is a bare `node:http` server with the same',
    'driver doing the same statements for Remove Group User (and the same searches for the lists, through the same',
    'trigram indexes or by checking each member of a small group or organization); `baseline (2 statements)` does',
    'the same removal in one SELECT and one delete-and-audit statement. The load generator runs on the same machine.',
  ].join('\n');
  writeFileSync(file, `${header}\n\n${parts.join('\n\n')}\n`);
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

/** Rounded down, so that 99.998 % does not read 100 %. */
function percent(share: number): string {
  if (share === 0 || share === 1) return `${share * 100} %`;
  return `${(Math.floor(share * 10_000) / 100).toFixed(2)} %`;
}
