import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const SECRET = 'plain-text-client-secret-value';
const CLIENT_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const IDENTITY_ID = '5b0e6f7a-2c1d-4e3f-8a9b-0c1d2e3f4a5b';
const GROUP_ID = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';

function fixture() {
  return {
    organizations: [
      { slug: 'acme', name: 'Acme Inc' },
      { slug: 'globex', name: 'Globex' },
    ],
    roles: [
      {
        organization: 'acme',
        slug: 'machine-reader',
        name: 'Machine reader',
        permissions: [
          { subject: 'identity', action: 'read' },
          { subject: 'groups', action: 'remove-identities' },
        ],
      },
    ],
    users: [{ username: 'alice@acme.test' }],
    memberships: [{ organization: 'acme', username: 'alice@acme.test', role: 'admin' }],
    identities: [
      {
        organization: 'acme',
        name: 'ci-deployer',
        role: 'member',
        id: IDENTITY_ID,
        hasDeleteProtection: false,
        universalAuth: { clientId: CLIENT_ID, clientSecret: SECRET, accessTokenTTL: 3600, accessTokenMaxTTL: 7200, accessTokenNumUsesLimit: 0 },
      },
      { organization: 'acme', name: 'Reader', role: 'machine-reader', hasDeleteProtection: true },
      { organization: 'globex', name: 'ci-deployer' },
    ],
    groups: [
      { organization: 'acme', id: GROUP_ID, name: 'Engineering', slug: 'engineering', members: ['alice@acme.test'], identities: ['ci-deployer', 'reader'] },
    ],
  };
}

describe.each(DATABASE_KINDS)('the identities of a fixture on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(() => t.close());

  it('loads identities, their Universal Auth and secret, and their groups; the secret logs in; a second load changes nothing', async () => {
    const first = await seed(t, fixture());
    expect(first).toMatchObject({
      identities: { inserted: 3, existing: 0 },
      universalAuths: { inserted: 1, existing: 0 },
      clientSecrets: { inserted: 1, existing: 0 },
      groupIdentities: { inserted: 2, existing: 0 },
    });
    const stored = JSON.stringify(await t.database.query('SELECT * FROM identity_client_secrets'));
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('"fixture"');

    const login = await request(t.server)
      .post('/api/v1/auth/universal-auth/login')
      .send({ clientId: CLIENT_ID, clientSecret: SECRET, organizationSlug: 'acme' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ expiresIn: 3600, accessTokenMaxTTL: 7200 });
    const members = await request(t.server).get(`/api/v1/groups/${GROUP_ID}/members`).set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(members.body.members.map((member: { type: string; id: string }) => [member.type, member.id])).toEqual([
      ['user', expect.any(String)],
      ['machineIdentity', IDENTITY_ID],
      ['machineIdentity', expect.any(String)],
    ]);
    const reader = (await request(t.server).get('/api/v1/identities?search=reader').set('Authorization', `Bearer ${login.body.accessToken}`)).body
      .identities[0];
    expect(reader).toMatchObject({ role: 'machine-reader', identity: { name: 'Reader', hasDeleteProtection: true, authMethods: [] } });

    const before = await databaseDigest(t);
    const second = await seed(t, fixture());
    expect(second).toMatchObject({
      identities: { inserted: 0, existing: 3 },
      universalAuths: { inserted: 0, existing: 1 },
      clientSecrets: { inserted: 0, existing: 1 },
      groupIdentities: { inserted: 0, existing: 2 },
    });
    expect(await databaseDigest(t)).toBe(before);
  });

  it.each([
    ['a missing name', (f: ReturnType<typeof fixture>) => delete (f.identities[1] as { name?: string }).name, 'identities[1].name: is required'],
    [
      'a name of 65 characters',
      (f: ReturnType<typeof fixture>) => (f.identities[1].name = 'x'.repeat(65)),
      'identities[1].name: must be a string of 1-64 characters',
    ],
    [
      'a name taken in another case',
      (f: ReturnType<typeof fixture>) => (f.identities[1].name = 'CI-Deployer'),
      'identities[1].name: "CI-Deployer" is already given at identities[0]',
    ],
    [
      'an unknown role',
      (f: ReturnType<typeof fixture>) => (f.identities[1].role = 'auditor'),
      'identities[1].role: unknown role "auditor" in organization "acme"',
    ],
    [
      'an unknown organization',
      (f: ReturnType<typeof fixture>) => (f.identities[1].organization = 'nowhere'),
      'identities[1].organization: unknown organization "nowhere"',
    ],
    [
      'a malformed client ID',
      (f: ReturnType<typeof fixture>) => (f.identities[0].universalAuth!.clientId = 'client'),
      'identities[0].universalAuth.clientId: must be a UUID',
    ],
    [
      'a short client secret',
      (f: ReturnType<typeof fixture>) => (f.identities[0].universalAuth!.clientSecret = 'short'),
      'identities[0].universalAuth.clientSecret: must be 16-1024 characters',
    ],
    [
      'a TTL above the max TTL',
      (f: ReturnType<typeof fixture>) => (f.identities[0].universalAuth!.accessTokenTTL = 7201),
      'identities[0].universalAuth.accessTokenTTL: must not be greater',
    ],
    ['an unknown key', (f: ReturnType<typeof fixture>) => Object.assign(f.identities[0], { color: 'red' }), 'identities[0].color: unknown key'],
    [
      'an unknown group identity',
      (f: ReturnType<typeof fixture>) => f.groups[0].identities.push('ghost'),
      'groups[0].identities[2]: unknown identity "ghost" in organization "acme"',
    ],
    [
      'an identity of another organization in a group',
      (f: ReturnType<typeof fixture>) => Object.assign(f.groups[0], { organization: 'globex', members: [] }),
      'groups[0].identities[1]: unknown identity "reader" in organization "globex"',
    ],
  ])('refuses %s, naming the entry and the field, and writes nothing', async (_case, spoil, message) => {
    const file = fixture();
    spoil(file);
    const before = await databaseDigest(t);
    const refusal = await seed(t, file).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refusal?.message).toContain(message);
    expect(refusal?.message).not.toContain(SECRET);
    expect(await databaseDigest(t)).toBe(before);
  });

  it('refuses a client ID that another identity already has', async () => {
    await seed(t, fixture());
    const other = {
      organizations: [{ slug: 'acme', name: 'Acme Inc' }],
      identities: [{ organization: 'acme', name: 'copycat', universalAuth: { clientId: CLIENT_ID } }],
    };
    await expect(seed(t, other)).rejects.toThrow('identities[0].universalAuth.clientId: this client ID is already the client ID of another identity');
  });
});
