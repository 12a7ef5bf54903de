import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { bootstrapEmptyDatabase, DEMO_FIXTURE_PATHS, startupBanner } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { createTestApp, DATABASE_KINDS, type TestApp } from './helpers/test-app';

const ADMIN_TOKEN = 'demo-admin-token-0123456789';
const demo = JSON.parse(readFileSync(resolve(DEMO_FIXTURE_PATHS[0]), 'utf8')) as {
  users: unknown[];
  groups: { id: string; name: string; members: string[] }[];
};

function config(seedDemo: boolean): AppConfig {
  return AppConfig.fromEnv({ DATABASE_URL: 'sqlite::memory:', INITIAL_ADMIN_TOKEN: ADMIN_TOKEN, SEED_DEMO: String(seedDemo) });
}

async function count(t: TestApp, table: string): Promise<number> {
  const [row] = await t.database.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

describe.each(DATABASE_KINDS)('demo data on first start on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(() => t.close());

  it('loads the demo fixture into organization default after the bootstrap, once', async () => {
    const result = await bootstrapEmptyDatabase(t.database, config(true));
    const engineering = demo.groups[0];
    expect(result).toEqual({ generatedToken: undefined, demoGroupId: engineering.id });
    expect(await count(t, 'organizations')).toBe(1);
    expect(await count(t, 'users')).toBe(1 + demo.users.length);
    const groups = await t.database.query<{ id: string; org_slug: string }>(
      'SELECT g.id, o.slug AS org_slug FROM groups g JOIN organizations o ON o.id = g.org_id ORDER BY g.name',
    );
    expect(groups.map((group) => group.id).sort()).toEqual(demo.groups.map((group) => group.id).sort());
    expect(new Set(groups.map((group) => group.org_slug))).toEqual(new Set(['default']));

    // The bootstrap admin acts on the demo data: it removes a member of the banner's group.
    const member = engineering.members[0];
    await request(t.server).delete(`/api/v1/groups/${engineering.id}/users/${member}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);

    expect(await bootstrapEmptyDatabase(t.database, config(true))).toBeUndefined();
    expect(await count(t, 'users')).toBe(1 + demo.users.length);
  });

  it('leaves the demo out without SEED_DEMO', async () => {
    expect(await bootstrapEmptyDatabase(t.database, config(false))).toEqual({ generatedToken: undefined });
    expect(await count(t, 'users')).toBe(1);
    expect(await count(t, 'groups')).toBe(0);
  });
});

describe('the start-up banner', () => {
  const listening = { host: '0.0.0.0', port: 8080 };

  it('shows a request on a demo group when the demo was loaded', () => {
    const banner = startupBanner(listening, { generatedToken: 'gat_generated', demoGroupId: demo.groups[0].id }).split('\n');
    expect(banner.at(-1)).toBe(`Try: curl -H "Authorization: Bearer gat_generated" http://localhost:8080/api/v1/groups/${demo.groups[0].id}/users`);
  });

  it('lists the groups when the demo was not loaded', () => {
    const banner = startupBanner(listening, {}).split('\n');
    expect(banner.at(-1)).toBe('Try: curl -H "Authorization: Bearer $INITIAL_ADMIN_TOKEN" http://localhost:8080/api/v1/groups');
  });
});
