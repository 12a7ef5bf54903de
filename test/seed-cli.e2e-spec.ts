import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run seed -- FILE` as a user types it, in a clean environment, on a SQLite file of its own. */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'groups-seed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function seed(file: string, database = join(dir, 'seed.sqlite'), nodeOptions?: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'npm',
      ['run', '--silent', 'seed', '--', file],
      // Nothing of the test runner's environment (NODE_OPTIONS, TEST_DATABASE_URL) leaks in.
      {
        cwd: process.cwd(),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATABASE_URL: `sqlite:${database}`,
          ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }),
        },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

async function fixtureFile(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const TOKEN = 'cli-token-value-0123456789';
const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'alice@acme.test' }],
  memberships: [{ organization: 'acme', username: 'alice@acme.test', role: 'admin' }],
  groups: [{ organization: 'acme', name: 'Engineering', members: ['alice@acme.test'] }],
  tokens: [{ organization: 'acme', username: 'alice@acme.test', name: 'ci', token: TOKEN }],
};

describe('npm run seed', () => {
  it('runs the migrations, loads the file and prints a summary; a second run finds everything present', async () => {
    const file = await fixtureFile('acme.json', fixture);
    const first = await seed(file);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout.split('\n')).toEqual([
      `Loaded ${file}:`,
      '  organizations    1 inserted, 0 already present',
      '  roles            0 inserted, 0 already present',
      '  users            1 inserted, 0 already present',
      '  memberships      1 inserted, 0 already present',
      '  groups           1 inserted, 0 already present',
      '  group members    1 inserted, 0 already present',
      '  tokens           1 inserted, 0 already present',
      '  identities       0 inserted, 0 already present',
      '  universal auths  0 inserted, 0 already present',
      '  client secrets   0 inserted, 0 already present',
      '  group identities 0 inserted, 0 already present',
      '',
    ]);
    const second = await seed(file);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('  users            0 inserted, 1 already present');
    expect(first.stdout + second.stdout).not.toContain(TOKEN);
  }, 60_000);

  it('starts no NestJS application: its start-up would be most of a large load', async () => {
    // Run in every Node.js process of the command (npm's too): names the first NestJS module loaded, if any.
    const probe = join(dir, 'nest-probe.js');
    await writeFile(
      probe,
      `process.on('exit', () => { const nest = Object.keys(require.cache).find((path) => path.includes('/node_modules/@nestjs/')); ` +
        `if (nest) process.stderr.write('NestJS loaded: ' + nest + '\\n'); });`,
    );
    const run = await seed(await fixtureFile('probed.json', fixture), join(dir, 'probed.sqlite'), `--require ${probe}`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);

  it.each([
    [
      'a fixture with a bad entry',
      'bad.json',
      { ...fixture, groups: [{ organization: 'acme', name: 'Engineering', slug: 'eng' }] },
      /^Fixture refused: groups\[0\]\.slug: must be 5-36 characters/,
    ],
    ['a file that is not JSON', 'broken.json', '{"users": [', /^\S+\/broken\.json is not valid JSON: /],
  ])(
    'exits 1 with one line on %s',
    async (_, name, content, line) => {
      const run = await seed(await fixtureFile(name, content), join(dir, `${name}.sqlite`));
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toEqual([expect.stringMatching(line), '']);
    },
    60_000,
  );

  it('exits 1 with one line on a file it cannot read', async () => {
    const run = await seed(join(dir, 'missing.json'));
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^cannot read \S+missing\.json: ENOENT/), '']);
  }, 60_000);
});
