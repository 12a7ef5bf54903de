import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { expectEnvelope } from './helpers/envelope';
import { identityCalls } from './helpers/identities';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const MANAGED = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const ADMINS = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const GLOBEX_GROUP = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182';
const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  editor: 'token-editor-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};
const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    {
      organization: 'acme',
      slug: 'group-editor',
      name: 'Group editor',
      permissions: [
        { subject: 'groups', action: 'edit' },
        { subject: 'groups', action: 'read' },
      ],
    },
  ],
  users: [
    { username: 'admin@acme.test' },
    { username: 'member@acme.test', firstName: 'Mia', lastName: 'Member' },
    { username: 'editor@acme.test' },
    { username: 'zed@acme.test', firstName: 'Zed' },
    { username: 'anna@acme.test' },
    { username: 'boss@globex.test' },
  ],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'editor@acme.test', role: 'group-editor' },
    { organization: 'acme', username: 'zed@acme.test', role: 'member' },
    { organization: 'acme', username: 'anna@acme.test', role: 'member' },
    { organization: 'globex', username: 'boss@globex.test', role: 'admin' },
  ],
  groups: [
    {
      organization: 'acme',
      id: ENGINEERING,
      name: 'Engineering',
      slug: 'engineering',
      role: 'member',
      members: ['member@acme.test', 'zed@acme.test', 'anna@acme.test'],
    },
    { organization: 'acme', id: MANAGED, name: 'Directory synced', slug: 'directory-synced', role: 'member', managedExternally: true },
    { organization: 'acme', id: ADMINS, name: 'Machine admins', slug: 'machine-admins', role: 'admin' },
    { organization: 'globex', id: GLOBEX_GROUP, name: 'Globex staff', slug: 'globex-staff', role: 'member' },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'editor@acme.test', name: 'editor', token: tokens.editor },
    { organization: 'globex', username: 'boss@globex.test', name: 'boss', token: tokens.globex },
  ],
};

describe.each(DATABASE_KINDS)('the machine identities of groups on %s', (kind) => {
  let t: TestApp;
  let ids: Record<string, string>;
  let globexIdentity: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    const calls = identityCalls(t);
    ids = {};
    for (const name of ['ci-deployer', 'Backup-bot', 'terraform', 'zz-monitor']) ids[name] = (await calls.create(tokens.admin, { name })).id;
    globexIdentity = (await calls.create(tokens.globex, { name: 'globex-bot' })).id;
  });
  afterAll(() => t.close());

  /** `null`: no Authorization header. */
  const as = (token: string | null, call: request.Test) => (token === null ? call : call.set('Authorization', `Bearer ${token}`));
  const path = (groupId: string, identityId: string) => `/api/v1/groups/${groupId}/machine-identities/${identityId}`;
  const add = (groupId: string, identityId: string, token: string | null = tokens.admin) => as(token, request(t.server).post(path(groupId, identityId)));
  const remove = (groupId: string, identityId: string, token: string | null = tokens.admin) => as(token, request(t.server).delete(path(groupId, identityId)));
  const listIdentities = (groupId: string, query = '', token: string | null = tokens.admin) =>
    as(token, request(t.server).get(`/api/v1/groups/${groupId}/machine-identities${query}`));
  const listMembers = (groupId: string, query = '', token: string | null = tokens.admin) =>
    as(token, request(t.server).get(`/api/v1/groups/${groupId}/members${query}`));

  async function refused(call: () => request.Test, status: number, error: string, message?: unknown) {
    const before = await databaseDigest(t);
    const response = await call();
    expectEnvelope(response, status, error);
    if (message !== undefined) expect(response.body.message).toEqual(message);
    expect(await databaseDigest(t)).toBe(before);
    return response;
  }

  async function auditEntries(eventType: string) {
    const response = await as(tokens.admin, request(t.server).get(`/api/v1/organization/audit-logs?eventType=${eventType}&limit=100`));
    return response.body.auditLogs as { event: { metadata: Record<string, unknown> } }[];
  }

  describe.each([
    ['add', add, 'add-identities', 'Failed to add identity to more privileged group. Actor is missing permission add-identities on groups'],
    ['remove', remove, 'remove-identities', 'Failed to remove identity from more privileged group. Actor is missing permission remove-identities on groups'],
  ] as const)('%s: refusals in the order of the checks', (_name, call, boundary, boundaryMessage) => {
    it('1. 401 without a token, before the input', async () => {
      await refused(() => call('bad', 'bad', null), 401, 'UnauthorizedError', 'Token missing');
    });

    it('2. 422 for malformed ids, before the permission', async () => {
      const response = await refused(() => call('bad', 'bad', tokens.member), 422, 'ValidationFailure');
      expect(response.body.message.map((issue: { path: string[] }) => issue.path[0])).toEqual(['id', 'machineIdentityId']);
    });

    it('3. 403 without edit on groups, before the group', async () => {
      const response = await refused(() => call(MISSING, MISSING, tokens.member), 403, 'PermissionDenied', 'You are not allowed to edit on groups');
      expect(response.body.details).toEqual({ missingPermissions: [{ action: 'edit', subject: 'groups' }] });
    });

    it('4. 404 for a group of another organization, as for a missing one', async () => {
      for (const groupId of [GLOBEX_GROUP, MISSING])
        await refused(() => call(groupId, globexIdentity), 404, 'NotFound', `Failed to find group with ID ${groupId}`);
    });

    it('5. 400 for a group whose memberships an identity provider manages, before the boundary', async () => {
      await refused(
        () => call(MANAGED, MISSING, tokens.editor),
        400,
        'BadRequest',
        'The memberships of group directory-synced are managed by an identity provider and cannot be changed here',
      );
    });

    it(`6. 403 PermissionBoundaryError without ${boundary}, before the identity`, async () => {
      const response = await refused(() => call(ENGINEERING, MISSING, tokens.editor), 403, 'PermissionBoundaryError', boundaryMessage);
      expect(response.body.details).toEqual({ missingPermissions: [{ action: boundary, subject: 'groups' }] });
    });

    it('7. 404 for an identity of another organization, as for a missing one', async () => {
      for (const identityId of [globexIdentity, MISSING]) {
        await refused(() => call(ENGINEERING, identityId), 404, 'NotFound', `Identity with id ${identityId} is not part of the organization`);
      }
    });
  });

  it('adds and removes an identity, answering exactly its id, with the audit entries', async () => {
    const identityId = ids['ci-deployer'];
    const added = await add(ENGINEERING, identityId.toUpperCase());
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ id: identityId });
    await refused(() => add(ENGINEERING, identityId), 400, 'BadRequest', 'Identity is already part of the group engineering');
    expect((await auditEntries('add-identity-to-group'))[0].event.metadata).toEqual({ groupId: ENGINEERING, groupName: 'Engineering', identityId });

    const removed = await remove(ENGINEERING, identityId);
    expect(removed.body).toEqual({ id: identityId });
    await refused(() => remove(ENGINEERING, identityId), 404, 'NotFound', 'Machine identities are not part of the group engineering');
    expect((await auditEntries('remove-identity-from-group'))[0].event.metadata).toEqual({ groupId: ENGINEERING, groupName: 'Engineering', identityId });
  });

  it('of N identical concurrent adds exactly one gets 200, and of N identical removals exactly one', async () => {
    const identityId = ids.terraform;
    const adds = await Promise.all(Array.from({ length: 8 }, () => add(ENGINEERING, identityId)));
    expect(adds.map((response) => response.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    const removes = await Promise.all(Array.from({ length: 8 }, () => remove(ENGINEERING, identityId)));
    expect(removes.map((response) => response.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    const count = async (type: string) => (await auditEntries(type)).filter((entry) => entry.event.metadata.identityId === identityId).length;
    expect([await count('add-identity-to-group'), await count('remove-identity-from-group')]).toEqual([1, 1]);
  });

  it("a group's role reaches its identities on their next request, and leaves with the membership", async () => {
    const machine = await identityCalls(t).identityWithToken(tokens.admin, 'group-powered');
    const createGroup = () => as(machine.accessToken, request(t.server).post('/api/v1/groups')).send({ name: 'Made by a machine' });
    await refused(createGroup, 403, 'PermissionDenied', 'You are not allowed to create on groups');
    await add(ADMINS, machine.identity.id);
    expect((await createGroup()).status).toBe(200);
    await remove(ADMINS, machine.identity.id);
    await refused(createGroup, 403, 'PermissionDenied');
  });

  describe('listing', () => {
    beforeAll(async () => {
      await add(ENGINEERING, ids['Backup-bot']);
      await add(ENGINEERING, ids['zz-monitor']);
    });

    it('lists every identity of the organization with whether it is a member, or members or non-members only', async () => {
      const all = await listIdentities(ENGINEERING, '?limit=100');
      expect(all.status).toBe(200);
      const names = all.body.machineIdentities.map((entry: { name: string }) => entry.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(names).not.toContain('globex-bot');
      expect(all.body.machineIdentities.find((entry: { name: string }) => entry.name === 'Backup-bot')).toEqual({
        id: ids['Backup-bot'],
        name: 'Backup-bot',
        isPartOfGroup: true,
        joinedGroupAt: expect.any(String),
      });
      expect(all.body.machineIdentities.find((entry: { name: string }) => entry.name === 'terraform')).toEqual({
        id: ids.terraform,
        name: 'terraform',
        isPartOfGroup: false,
        joinedGroupAt: null,
      });
      const assigned = await listIdentities(ENGINEERING, '?filter=assignedMachineIdentities');
      expect(assigned.body).toEqual({
        machineIdentities: [expect.objectContaining({ name: 'Backup-bot' }), expect.objectContaining({ name: 'zz-monitor' })],
        totalCount: 2,
      });
      const others = await listIdentities(ENGINEERING, '?filter=nonAssignedMachineIdentities&search=TERRA&limit=1');
      expect(others.body).toEqual({ machineIdentities: [expect.objectContaining({ name: 'terraform' })], totalCount: 1 });
      const paged = await listIdentities(ENGINEERING, '?offset=1&limit=1&filter=assignedMachineIdentities');
      expect(paged.body).toEqual({ machineIdentities: [expect.objectContaining({ name: 'zz-monitor' })], totalCount: 2 });
    });

    it('lists the members of both kinds by one name order, with filters, search and direction', async () => {
      const members = await listMembers(ENGINEERING, '', tokens.member);
      expect(members.status).toBe(200);
      expect(members.body.totalCount).toBe(5);
      expect(
        members.body.members.map(
          (member: { type: string; user?: { username: string }; machineIdentity?: { name: string } }) => member.user?.username ?? member.machineIdentity?.name,
        ),
      ).toEqual(['anna@acme.test', 'Backup-bot', 'member@acme.test', 'zed@acme.test', 'zz-monitor']);
      expect(members.body.members[1]).toEqual({
        id: ids['Backup-bot'],
        joinedGroupAt: expect.any(String),
        type: 'machineIdentity',
        machineIdentity: { id: ids['Backup-bot'], name: 'Backup-bot' },
      });
      expect(members.body.members[2]).toEqual({
        id: expect.any(String),
        joinedGroupAt: expect.any(String),
        type: 'user',
        user: { id: members.body.members[2].id, email: null, username: 'member@acme.test', firstName: 'Mia', lastName: 'Member' },
      });
      const desc = await listMembers(ENGINEERING, '?orderBy=name&orderDirection=desc&limit=2');
      expect(desc.body.members.map((member: { id: string }) => member.id)).toEqual([ids['zz-monitor'], members.body.members[3].id]);
      expect(desc.body.totalCount).toBe(5);
      const machines = await listMembers(ENGINEERING, '?memberTypeFilter=machineIdentities');
      expect(machines.body.members.map((member: { type: string }) => member.type)).toEqual(['machineIdentity', 'machineIdentity']);
      const both = await listMembers(ENGINEERING, '?memberTypeFilter=users&memberTypeFilter=machineIdentities');
      expect(both.body.totalCount).toBe(5);
      const users = await listMembers(ENGINEERING, '?memberTypeFilter=users&search=MEMBER');
      expect(users.body).toEqual({ members: [expect.objectContaining({ type: 'user' })], totalCount: 1 });
      expect((await listMembers(ENGINEERING, '?search=mia%20member')).status).toBe(422);
      expect((await listMembers(ENGINEERING, '?search=bot')).body.totalCount).toBe(1);
    });

    it("refuses bad queries with 422, then missing read with 403, then another organization's group with 404", async () => {
      await refused(() => listIdentities(ENGINEERING, '?search=a.b'), 422, 'ValidationFailure', [
        { code: 'matches', message: 'Invalid pattern: only alphanumeric characters, - are allowed.', path: ['search'] },
      ]);
      await refused(() => listMembers(ENGINEERING, '?search=a%2Bb'), 422, 'ValidationFailure', [
        { code: 'matches', message: 'Invalid pattern: only alphanumeric characters, -, ., @ are allowed.', path: ['search'] },
      ]);
      for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?filter=all', '?unknown=1'])
        await refused(() => listIdentities(ENGINEERING, query), 422, 'ValidationFailure');
      for (const query of ['?orderBy=email', '?orderDirection=up', '?memberTypeFilter=groups', '?memberTypeFilter=users&memberTypeFilter=robots']) {
        await refused(() => listMembers(ENGINEERING, query), 422, 'ValidationFailure');
      }
      const noAccess = await identityCalls(t).identityWithToken(tokens.admin, 'no-access-reader');
      await refused(() => listIdentities(ENGINEERING, '', noAccess.accessToken), 403, 'PermissionDenied', 'You are not allowed to read on groups');
      await refused(() => listMembers(ENGINEERING, '', noAccess.accessToken), 403, 'PermissionDenied', 'You are not allowed to read on groups');
      for (const groupId of [GLOBEX_GROUP, MISSING]) {
        await refused(() => listIdentities(groupId), 404, 'NotFound', `Failed to find group with ID ${groupId}`);
        await refused(() => listMembers(groupId), 404, 'NotFound', `Failed to find group with ID ${groupId}`);
      }
    });

    it('a deleted identity leaves its groups', async () => {
      const { id } = await identityCalls(t).create(tokens.admin, { name: 'short-lived' });
      await add(ENGINEERING, id);
      await as(tokens.admin, request(t.server).delete(`/api/v1/identities/${id}`));
      expect(await t.database.query('SELECT id FROM identity_group_memberships WHERE identity_id = $1', [id])).toEqual([]);
      expect((await listMembers(ENGINEERING)).body.totalCount).toBe(5);
    });
  });
});
