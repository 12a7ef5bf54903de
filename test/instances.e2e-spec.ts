import request from 'supertest';
import { createPostgresDatabase, createTestApp, seed, type TestApp } from './helpers/test-app';

const GROUP = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const TOKEN = 'instances-admin-token-0123456789';
const MEMBERS = Array.from({ length: 5 }, (_, i) => `member-${i}@acme.test`);
const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'admin@acme.test' }, ...MEMBERS.map((username) => ({ username }))],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    ...MEMBERS.map((username) => ({ organization: 'acme', username, role: 'member' })),
  ],
  groups: [{ organization: 'acme', id: GROUP, name: 'Engineering', slug: 'engineering', role: 'member', members: MEMBERS }],
  tokens: [{ organization: 'acme', username: 'admin@acme.test', name: 'admin', token: TOKEN }],
};

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl) console.log('Skipping the two-instance test: it needs PostgreSQL, and TEST_DATABASE_URL is not set');
const describeOnPostgres = databaseUrl ? describe : describe.skip;

describeOnPostgres('two instances on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let instances: TestApp[];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // Both on the database made here (the first one runs the migrations, the second finds them done).
    instances = [];
    for (let i = 0; i < 2; i++) instances.push(await createTestApp('sqlite', { DATABASE_URL: database.url }));
    await seed(instances[0], fixture);
  });
  afterAll(async () => {
    for (const instance of instances ?? []) await instance.close();
    await database?.drop();
  });

  it.each(MEMBERS)('settle 20 concurrent removals of %s, spread over both, with exactly one 200 and one audit entry', async (username) => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(instances[i % 2].server)
          .delete(`/api/v1/groups/${GROUP}/users/${username}`)
          .set('Authorization', `Bearer ${TOKEN}`),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(404)]);
    const audit = await instances[1].database.query(
      "SELECT req_id FROM audit_logs WHERE event_type = 'remove-user-from-group' AND metadata->>'username' = $1",
      [username],
    );
    expect(audit).toEqual([{ req_id: responses.find((response) => response.status === 200)!.headers['x-request-id'] }]);
  });
});
