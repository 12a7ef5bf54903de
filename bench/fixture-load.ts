import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, freshPostgresDatabase, freshSqliteFile } from './dataset';

/**
 * `npm run bench:seed`: `npm run seed` timed as a user runs it, on a fresh SQLite file and, with
 * BENCH_DATABASE_URL (dropped and created, so its name contains `bench`), a fresh PostgreSQL database.
 * The fixture: BENCH_SEED_USERS users (100 000), each a member of one organization, and one group of
 * all of them. Each database loads it twice (the second load inserts nothing) and then an empty file,
 * whose time is the command's start-up and migrations: members per second are given for the whole
 * command and for the load alone. On a shared machine the wall times vary with the load; the CPU time
 * of the command (its threads and child processes, not the PostgreSQL server's) varies less.
 */
const users = Number(process.env.BENCH_SEED_USERS ?? 100_000);

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'groups-seed-bench-'));
  try {
    const fixture = join(directory, 'fixture.json');
    const empty = join(directory, 'empty.json');
    writeFileSync(fixture, JSON.stringify(fixtureOf(users)));
    writeFileSync(empty, '{}');
    const targets = [{ name: 'SQLite', ...freshSqliteFile() }];
    const postgresUrl = process.env.BENCH_DATABASE_URL?.trim();
    if (postgresUrl) targets.push({ name: 'PostgreSQL', ...(await freshPostgresDatabase(postgresUrl)) });
    for (const { name, url, drop } of targets) {
      try {
        const first = await seedTimes(url, fixture);
        const second = await seedTimes(url, fixture);
        const startUp = await seedTimes(url, empty);
        const rate = (seconds: number) => `${Math.round(users / seconds).toLocaleString('en')} members/s`;
        console.log(
          `${name}: ${users.toLocaleString('en')} members in ${first.wall.toFixed(2)} s (${rate(first.wall)}, CPU ${first.cpu.toFixed(2)} s); ` +
            `the load alone, without the ${startUp.wall.toFixed(2)} s of start-up (CPU ${startUp.cpu.toFixed(2)} s): ` +
            `${(first.wall - startUp.wall).toFixed(2)} s (${rate(first.wall - startUp.wall)}, CPU ${(first.cpu - startUp.cpu).toFixed(2)} s); ` +
            `second load ${second.wall.toFixed(2)} s (CPU ${second.cpu.toFixed(2)} s); load average ${loadavg()
              .map((load) => load.toFixed(1))
              .join(' ')}`,
        );
      } finally {
        await drop();
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function fixtureOf(count: number): object {
  const names = Array.from({ length: count }, (_, index) => Dataset.usernameOf(index));
  return {
    organizations: [{ slug: 'bench', name: 'Bench' }],
    users: names.map((username, index) => ({ username, email: `${username}@bench.test`, firstName: `First${index}`, lastName: `Last${index}` })),
    memberships: names.map((username) => ({ organization: 'bench', username })),
    groups: [{ organization: 'bench', name: 'Everyone', members: names }],
  };
}

/** The wall and CPU seconds of `npm run seed -- file` on the database of `url`; fails if the command does. */
function seedTimes(url: string, file: string): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  return new Promise((resolve, reject) =>
    execFile('npm', ['run', '--silent', 'seed', '--', file], { env: { ...process.env, DATABASE_URL: url }, maxBuffer: 1 << 24 }, (error, _, stderr) =>
      error
        ? reject(new Error(`npm run seed failed: ${stderr}`))
        : resolve({ wall: (performance.now() - started) / 1000, cpu: childrenCpuSeconds() - cpuBefore }),
    ),
  );
}

/** The CPU time of this process's finished children and their descendants (Linux: `cutime` and `cstime` of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
