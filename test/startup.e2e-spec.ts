import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildService } from './helpers/built-service';
import { ServiceProcess } from './helpers/service-process';

/** The service as `npm start` runs it: a child process on compiled JavaScript, built into a directory of its own. */
let buildDir: string;
const running = new Set<ServiceProcess>();

beforeAll(async () => {
  buildDir = await mkdtemp(join(tmpdir(), 'groups-startup-'));
  await buildService(buildDir);
}, 120_000);

afterAll(async () => {
  await Promise.all([...running].map((service) => service.stop()));
  await rm(buildDir, { recursive: true, force: true });
});

/** An authenticated route: unknown routes answer 404 before any guard runs, so they prove nothing. */
const MISSING_GROUP = '00000000-0000-4000-8000-000000000000';
const REMOVE_MEMBER = `/api/v1/groups/${MISSING_GROUP}/users/nobody`;

/** The token passes the guard and the admin's permission check, and reaches the lookup of the group. */
async function expectAdmin(url: string, token: string): Promise<void> {
  const response = await request(url).delete(REMOVE_MEMBER).set('Authorization', `Bearer ${token}`);
  expect(response.body).toMatchObject({ statusCode: 404, message: `Failed to find group with ID ${MISSING_GROUP}` });
}

function start(env: Record<string, string>): ServiceProcess {
  const service = ServiceProcess.deployment(buildDir, { HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', ...env });
  running.add(service);
  void service.exitCode.then(() => running.delete(service));
  return service;
}

describe('start-up', () => {
  describe.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root:hunter2-secret@db/groups' }],
    ['PORT', { PORT: 'abc' }],
    ['INITIAL_ADMIN_TOKEN', { INITIAL_ADMIN_TOKEN: 'hunter2 secret' }],
  ])('with a bad %s', (variable, env) => {
    it('stops with one line naming the variable, no stack trace and no secret', async () => {
      const service = start({ DATABASE_URL: 'sqlite::memory:', ...env });
      expect(await service.exitCode).not.toBe(0);
      const lines = service.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(variable);
      expect(lines[0]).not.toMatch(/\bat .+:\d+/);
      expect(service.stdout + service.stderr).not.toContain('hunter2');
    }, 30_000);
  });

  it('stops with one line when the database cannot be reached, without echoing its password', async () => {
    // Nothing listens on port 1.
    const service = start({ DATABASE_URL: 'postgres://groups:hunter2-secret@127.0.0.1:1/groups_test' });
    expect(await service.exitCode).not.toBe(0);
    expect(service.stderr).toMatch(/^Start-up failed: [^\n]*ECONNREFUSED[^\n]*\n$/);
    expect(service.stdout + service.stderr).not.toContain('hunter2');
  }, 30_000);

  it('bootstraps a fresh SQLite file with a generated token printed once, on the first start only', async () => {
    const env = { DATABASE_URL: `sqlite:${join(buildDir, 'generated.sqlite')}` };
    const first = start(env);
    const url = await first.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    const token = /^Admin token \(shown once, keep it\): (\S+)$/m.exec(first.stdout)?.[1];
    expect(token).toMatch(/^gat_[A-Za-z0-9_-]{43}$/);
    expect(first.banner).toEqual([
      `Groups API listening on ${url}`,
      `Swagger UI: ${url}/api/docs`,
      `Admin token (shown once, keep it): ${token}`,
      `Try: curl -H "Authorization: Bearer ${token}" ${url}/api/v1/groups`,
    ]);
    // The token is for the terminal only: no log line carries it.
    expect(first.stdout.split('\n').filter((line) => line.startsWith('{') && line.includes(token!))).toEqual([]);
    await expectAdmin(url, token!);
    await first.stop();

    const second = start(env);
    const secondUrl = await second.listening();
    expect(second.banner).toEqual([
      `Groups API listening on ${secondUrl}`,
      `Swagger UI: ${secondUrl}/api/docs`,
      `Try: curl -H "Authorization: Bearer <your token>" ${secondUrl}/api/v1/groups`,
    ]);
    expect(second.stdout).not.toContain(token);
    // The first start's token is still the admin's.
    await expectAdmin(secondUrl, token!);
    await second.stop();
  }, 60_000);

  it('writes the code cache of its bundle when it exits, and runs from it at the next start', async () => {
    const dist = join(buildDir, 'dist');
    const caches = async () => (await readdir(dist)).filter((name) => /^service\.[0-9a-f]{16}\.cache$/.test(name));
    for (const name of await caches()) await rm(join(dist, name));
    const first = start({ DATABASE_URL: 'sqlite::memory:' });
    await first.listening();
    expect(await caches()).toEqual([]);
    await first.stop();
    const [cache] = await caches();
    expect(cache).toBeDefined();
    const written = await stat(join(dist, cache));
    expect(written.size).toBeGreaterThan(0);

    // A cache V8 rejected would be written again at exit.
    const second = start({ DATABASE_URL: 'sqlite::memory:' });
    const url = await second.listening();
    await request(url).get('/api/status').expect(200);
    await second.stop();
    expect(await caches()).toEqual([cache]);
    expect((await stat(join(dist, cache))).mtimeMs).toBe(written.mtimeMs);
  }, 60_000);

  it('builds its bundle in ASCII, which V8 keeps at one byte a character for as long as it runs', async () => {
    const bundle = await readFile(join(buildDir, 'dist', 'service.js'), 'utf8');
    // Among what would be outside it unescaped: validator's locale patterns, such as Russian's.
    expect(bundle).toContain('\\u0410');
    expect(bundle).not.toMatch(/[^\x00-\x7f]/);
  });

  it('gives INITIAL_ADMIN_TOKEN to the admin without ever printing it', async () => {
    const token = 'initial-admin-token-for-the-startup-test';
    const service = start({ DATABASE_URL: `sqlite:${join(buildDir, 'initial.sqlite')}`, INITIAL_ADMIN_TOKEN: token });
    const url = await service.listening();
    expect(service.banner).toEqual([
      `Groups API listening on ${url}`,
      `Swagger UI: ${url}/api/docs`,
      `Try: curl -H "Authorization: Bearer $INITIAL_ADMIN_TOKEN" ${url}/api/v1/groups`,
    ]);
    const status = await request(url).get('/api/status').expect(200);
    expect(status.body).toEqual({ status: 'ok', database: 'up', version: expect.any(String), uptime: expect.any(Number) });
    await expectAdmin(url, token);
    await request(url).delete(REMOVE_MEMBER).set('Authorization', `Bearer ${token}-not`).expect(401);
    await service.stop();
    expect(service.stdout + service.stderr).not.toContain(token);
  }, 60_000);
});
