import request from 'supertest';
import { createScimToken, expectScimError, GROUP_URN, patchOf, type ScimClient, scimClient, USER_URN } from './helpers/scim';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN = 'token-admin-0123456789abcdef';
const ALICE = 'token-alice-0123456789abcdef';
const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const fixture = {
  organizations: [{ slug: 'acme', name: 'Acme Inc' }],
  users: [{ username: 'admin@acme.test' }, { username: 'alice@acme.test', firstName: 'Alice', email: 'alice@acme.test' }],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'alice@acme.test', role: 'member' },
  ],
  groups: [{ organization: 'acme', id: ENGINEERING, name: 'Engineering', slug: 'engineering', role: 'member', members: ['alice@acme.test'] }],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'e2e', token: ADMIN },
    { organization: 'acme', username: 'alice@acme.test', name: 'e2e', token: ALICE },
  ],
};

const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

describe.each(DATABASE_KINDS)('SCIM as identity providers use it (%s)', (kind) => {
  let t: TestApp;
  let scimTokenId: string;
  let idp: ScimClient;
  const api = (token = ADMIN) => ({
    get: (path: string) => request(t.server).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => request(t.server).post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(t.server).patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(t.server).delete(path).set('Authorization', `Bearer ${token}`),
  });
  const auditOf = async (reqId: string) =>
    (await api().get('/api/v1/organization/audit-logs?limit=100').expect(200)).body.auditLogs.filter((log: { reqId: string }) => log.reqId === reqId);
  const memberIds = async (groupId: string) =>
    ((await idp.get(`/Groups/${groupId}`).expect(200)).body.members as { value: string }[]).map((member) => member.value).sort();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    const token = await createScimToken(t, ADMIN, 'identity provider');
    scimTokenId = token.id;
    idp = scimClient(t, token.scimToken);
  });
  afterAll(() => t.close());

  it('Okta: users are looked up, created, read, replaced, deactivated and reactivated, and the regular API follows', async () => {
    expect((await idp.get(`/Users?${filter('userName eq "test.user@okta.local"')}&startIndex=1&count=100`).expect(200)).body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    const created = await idp
      .post('/Users', {
        schemas: [USER_URN],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      })
      .expect(201);
    const id = created.body.id;
    expect(created.headers.location).toBe(created.body.meta.location);
    expect(created.body).toEqual({
      schemas: [USER_URN],
      id: expect.stringMatching(UUID),
      externalId: '00ujl29u0le5T6Aj10h7',
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User', formatted: 'Test User' },
      emails: [{ value: 'test.user@okta.local', type: 'work', primary: true }],
      active: true,
      groups: [],
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: created.body.meta.created,
        location: expect.stringContaining(`/api/v1/scim/Users/${id}`),
        version: 'W/"1"',
      },
    });
    expect(JSON.stringify(await t.database.query('SELECT * FROM users WHERE id = $1', [id]))).not.toContain('1mz050nq');
    const audit = await auditOf(created.headers['x-request-id']);
    expect(audit.map((log: { event: object; actor: object }) => [log.event, log.actor])).toEqual([
      [
        { type: 'scim-create-user', metadata: { userId: id, username: 'test.user@okta.local' } },
        { type: 'scimClient', metadata: { scimTokenId } },
      ],
    ]);
    expect((await idp.get(`/Users?${filter('userName eq "TEST.USER@okta.local"')}`).expect(200)).body.Resources.map((user: { id: string }) => user.id)).toEqual(
      [id],
    );
    await idp.get(`/Users/${id}`).expect(200);

    // The new member reads groups, as org role member does, and appears in the regular API.
    const [{ role }] = await t.database.query<{ role: string }>('SELECT role FROM org_memberships WHERE user_id = $1', [id]);
    expect(role).toBe('member');
    await api().post(`/api/v1/groups/${ENGINEERING}/users/test.user@okta.local`).expect(200);

    const replaced = await idp
      .put(`/Users/${id}`, {
        schemas: [USER_URN],
        id,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', familyName: 'User' },
        emails: [{ primary: true, value: 'another.user@okta.local', type: 'work' }],
        active: true,
        meta: { version: 'W/"99"' },
      })
      .expect(200);
    expect(replaced.body).toMatchObject({ name: { givenName: 'Another' }, emails: [{ value: 'another.user@okta.local' }], externalId: '00ujl29u0le5T6Aj10h7' });
    expect(replaced.headers.etag).toBe('W/"2"');
    const listed = await api().get(`/api/v1/groups/${ENGINEERING}/users?filter=existingMembers&limit=100`).expect(200);
    expect(listed.body.users.find((user: { id: string }) => user.id === id)).toMatchObject({ firstName: 'Another', email: 'another.user@okta.local' });

    // Deactivation: the membership stays, the regular API no longer counts it.
    const [{ id: aliceId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'alice@acme.test'");
    await api(ALICE).get('/api/v1/groups').expect(200);
    const deactivated = await idp.patch(`/Users/${aliceId}`, patchOf({ op: 'replace', value: { active: false } })).expect(200);
    expect(deactivated.body).toMatchObject({ active: false, groups: [{ value: ENGINEERING, display: 'Engineering' }] });
    expect((await api(ALICE).get('/api/v1/groups')).status).toBe(401);
    expect((await api().get(`/api/v1/groups/${ENGINEERING}/users?limit=100`).expect(200)).body.users.map((user: { id: string }) => user.id)).not.toContain(
      aliceId,
    );
    expect((await api().get(`/api/v1/groups/${ENGINEERING}/users?filter=existingMembers&search=alice`).expect(200)).body.totalCount).toBe(0);
    expect((await api().delete(`/api/v1/groups/${ENGINEERING}/users/alice@acme.test`)).body.message).toBe('Failed to find user with username alice@acme.test');
    expect((await api().post(`/api/v1/groups/${ENGINEERING}/users/alice@acme.test`)).status).toBe(404);
    expect(await memberIds(ENGINEERING)).toContain(aliceId);
    expect((await auditOf(deactivated.headers['x-request-id'])).map((log: { event: { type: string } }) => log.event.type)).toEqual(['scim-deactivate-user']);

    const reactivated = await idp.patch(`/Users/${aliceId}`, patchOf({ op: 'replace', value: { active: true } })).expect(200);
    expect(reactivated.body.active).toBe(true);
    await api(ALICE).get('/api/v1/groups').expect(200);
    expect((await auditOf(reactivated.headers['x-request-id'])).map((log: { event: { type: string } }) => log.event.type)).toEqual(['scim-reactivate-user']);
  });

  it('Okta: groups are pushed, renamed, given and relieved of members, and deleted; the regular API may no longer change their members', async () => {
    const users = await Promise.all(
      ['ann', 'bob', 'cid'].map(async (name) => (await idp.post('/Users', { userName: `${name}@okta.local`, active: true }).expect(201)).body.id as string),
    );
    expect((await idp.get(`/Groups?${filter('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`).expect(200)).body.totalResults).toBe(0);
    const created = await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'Test SCIMv2', members: [] }).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ displayName: 'Test SCIMv2', members: [], meta: { resourceType: 'Group', version: 'W/"1"' } });
    const regular = (await api().get(`/api/v1/groups/${id}`).expect(200)).body;
    expect(regular).toMatchObject({ name: 'Test SCIMv2', role: 'no-access' });
    const [{ managed_externally: managed, slug }] = await t.database.query<{ managed_externally: unknown; slug: string }>(
      'SELECT managed_externally, slug FROM groups WHERE id = $1',
      [id],
    );
    expect([Boolean(managed), slug]).toEqual([true, 'test-scimv2']);

    await idp.patch(`/Groups/${id}`, patchOf({ op: 'replace', value: { id, displayName: 'Test SCIMv2 (renamed)' } })).expect(200);
    const added = await idp
      .patch(`/Groups/${id}`, patchOf({ op: 'add', path: 'members', value: users.map((value, index) => ({ value, display: `user${index}` })) }))
      .expect(200);
    expect(added.body.members.map((member: { value: string }) => member.value).sort()).toEqual([...users].sort());
    expect(added.body.meta.version).toBe('W/"3"');
    expect(
      (await auditOf(added.headers['x-request-id']))
        .map((log: { event: { type: string; metadata: { userId: string } } }) => [log.event.type, log.event.metadata.userId])
        .sort(),
    ).toEqual(users.map((user) => ['scim-add-user-to-group', user]).sort());
    const removed = await idp.patch(`/Groups/${id}`, patchOf({ op: 'remove', path: `members[value eq "${users[0]}"]` })).expect(200);
    expect(removed.body.members.map((member: { value: string }) => member.value).sort()).toEqual(users.slice(1).sort());

    // The provider owns the memberships now; the name stays editable through the regular API, and moves the version.
    expect((await api().post(`/api/v1/groups/${id}/users/ann@okta.local`)).status).toBe(400);
    expect((await api().delete(`/api/v1/groups/${id}/users/bob@okta.local`)).status).toBe(400);
    await api().patch(`/api/v1/groups/${id}`, { name: 'Renamed by an admin' }).expect(200);
    const afterRename = (await idp.get(`/Groups/${id}`).expect(200)).body;
    expect(afterRename).toMatchObject({ displayName: 'Renamed by an admin', meta: { version: 'W/"5"' } });
    await api().patch(`/api/v1/groups/${id}`, { role: 'member' }).expect(200);
    expect((await idp.get(`/Groups/${id}`).expect(200)).body.meta.version).toBe('W/"5"');

    const deleted = await idp.delete(`/Groups/${id}`);
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expectScimError(await idp.get(`/Groups/${id}`), 404);
    expectScimError(await idp.patch(`/Groups/${id}`, patchOf({ op: 'add', path: 'members', value: [] })), 404);
    expectScimError(await idp.delete(`/Groups/${id}`), 404);
    expect((await auditOf(deleted.headers['x-request-id'])).map((log: { event: object }) => log.event)).toEqual([
      { type: 'scim-delete-group', metadata: { groupId: id, groupName: 'Renamed by an admin' } },
    ]);
  });

  it('Entra ID: users with the enterprise extension, filters by userName and externalId, PATCHes in its own shapes, deletion', async () => {
    const body = {
      schemas: [USER_URN, ENTERPRISE_URN],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [ENTERPRISE_URN]: { department: 'Sales', manager: { value: 'x' } },
    };
    const created = (await idp.post('/Users?aadOptscim062020', body).expect(201)).body;
    expectScimError(await idp.post('/Users', body), 409, 'uniqueness');
    expect((await idp.get(`/Users?${filter(`externalId eq "${body.externalId}"`)}`).expect(200)).body.Resources.map((user: { id: string }) => user.id)).toEqual(
      [created.id],
    );
    expect((await idp.get(`/Users?${filter(`userName eq "${body.userName.toUpperCase()}"`)}`).expect(200)).body.totalResults).toBe(1);

    const updated = await idp
      .patch(
        `/Users/${created.id}`,
        patchOf(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
          { op: 'Add', path: `${ENTERPRISE_URN}:department`, value: 'Marketing' },
          { op: 'Replace', path: 'displayName', value: 'ignored' },
          { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
          { op: 'Add', path: 'addresses[type eq "work"].formatted', value: '1 Main St' },
        ),
      )
      .expect(200);
    expect(updated.body).toMatchObject({
      emails: [{ value: 'updatedEmail@microsoft.com' }],
      name: { givenName: 'givenName', familyName: 'updatedFamilyName' },
    });
    await idp
      .patch(
        `/Users/${created.id}`,
        patchOf({ op: 'Replace', path: 'userName', value: 'renamed@testuser.com' }, { op: 'Add', path: 'externalId', value: 'ext-2' }),
      )
      .expect(200);
    const disabled = (await idp.patch(`/Users/${created.id}`, patchOf({ op: 'Replace', path: 'active', value: 'False' })).expect(200)).body;
    expect(disabled).toMatchObject({ userName: 'renamed@testuser.com', externalId: 'ext-2', active: false });
    expect((await idp.get(`/Users?${filter('active eq false')}`).expect(200)).body.Resources.map((user: { id: string }) => user.id)).toEqual([created.id]);

    const group = (await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'Entra users' }).expect(201)).body;
    await idp.patch(`/Groups/${group.id}`, patchOf({ op: 'Add', path: 'members', value: [{ $ref: null, value: created.id }] })).expect(200);
    const [{ id: userTokenId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
    expect(userTokenId).toMatch(UUID);

    const deleted = await idp.delete(`/Users/${created.id}`);
    expect(deleted.status).toBe(204);
    expectScimError(await idp.get(`/Users/${created.id}`), 404);
    expectScimError(await idp.patch(`/Users/${created.id}`, patchOf({ op: 'Replace', path: 'active', value: true })), 404);
    expect((await idp.get(`/Groups/${group.id}`).expect(200)).body).toMatchObject({ members: [], meta: { version: 'W/"3"' } });
    expect((await auditOf(deleted.headers['x-request-id'])).map((log: { event: object }) => log.event)).toEqual([
      { type: 'scim-delete-user', metadata: { userId: created.id, username: 'renamed@testuser.com', groupIds: [group.id] } },
    ]);
    // The user row and its history stay; provisioning it again makes a new membership.
    expect((await t.database.query('SELECT id FROM users WHERE id = $1', [created.id])).length).toBe(1);
    const again = (await idp.post('/Users', { userName: 'renamed@testuser.com' }).expect(201)).body;
    expect(again).toMatchObject({ id: created.id, active: true, groups: [] });
  });

  it('Entra ID: groups filtered without members, member checks by filter, adds, legacy and filtered removes, renames', async () => {
    const users = await Promise.all(
      ['e1', 'e2', 'e3'].map(async (name) => (await idp.post('/Users', { userName: `${name}@entra.test` }).expect(201)).body.id as string),
    );
    const created = (
      await idp
        .post('/Groups', {
          schemas: [GROUP_URN, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'Entra group',
          meta: { resourceType: 'Group' },
        })
        .expect(201)
    ).body;
    const id = created.id;
    const found = (await idp.get(`/Groups?excludedAttributes=members&${filter('displayName eq "entra GROUP"')}`).expect(200)).body;
    expect(found.Resources).toEqual([{ ...created, members: undefined, meta: { ...created.meta, location: expect.any(String) } }]);
    await idp.get(`/Groups/${id}?excludedAttributes=members`).expect(200);

    await idp.patch(`/Groups/${id}`, patchOf({ op: 'Add', path: 'members', value: users.map((value) => ({ $ref: null, value })) })).expect(200);
    const isMember = async (userId: string) =>
      (await idp.get(`/Groups?${filter(`id eq "${id}" and members eq "${userId}"`)}&excludedAttributes=members`).expect(200)).body.totalResults;
    expect(await isMember(users[0])).toBe(1);

    // The legacy remove: `members` with the values to remove, removes exactly those.
    const legacy = await idp.patch(`/Groups/${id}`, patchOf({ op: 'Remove', path: 'members', value: [{ $ref: null, value: users[0] }] })).expect(200);
    expect(await isMember(users[0])).toBe(0);
    expect(legacy.body.members.map((member: { value: string }) => member.value).sort()).toEqual(users.slice(1).sort());
    await idp.patch(`/Groups/${id}`, patchOf({ op: 'remove', path: `members[value eq "${users[1]}"]` })).expect(200);
    expect(await memberIds(id)).toEqual([users[2]]);
    await idp
      .patch(
        `/Groups/${id}`,
        patchOf({ op: 'Replace', path: 'displayName', value: 'Entra group updated' }, { op: 'Replace', path: 'externalId', value: 'ext-9' }),
      )
      .expect(200);
    expect(
      (await idp.get(`/Groups?${filter('externalId eq "ext-9"')}`).expect(200)).body.Resources.map((group: { displayName: string }) => group.displayName),
    ).toEqual(['Entra group updated']);
    expect((await idp.get(`/Groups?${filter('externalId eq "EXT-9"')}`).expect(200)).body.totalResults).toBe(0);
    await idp.delete(`/Groups/${id}`).expect(204);
  });

  it('authentik: users and groups written with PUT and PATCH of member lists, without schemas in PATCH', async () => {
    const user = (
      await idp
        .post('/Users', {
          schemas: [USER_URN],
          userName: 'akadmin',
          name: { formatted: 'authentik Default Admin', givenName: 'authentik', familyName: 'Default Admin' },
          displayName: 'authentik Default Admin',
          active: true,
          emails: [{ value: 'admin@authentik.test', type: 'other', primary: true }],
          externalId: 'a1b2c3',
          photos: [],
          locale: 'en',
        })
        .expect(201)
    ).body;
    const other = (
      await idp
        .post('/Users', { userName: 'ak-user', emails: [{ value: 'second@authentik.test' }, { value: 'first@authentik.test', primary: true }] })
        .expect(201)
    ).body;
    expect(other.emails).toEqual([{ value: 'first@authentik.test', type: 'work', primary: true }]);
    const put = await idp
      .put(`/Users/${user.id}`, { schemas: [USER_URN], id: user.id, userName: 'akadmin', name: { givenName: 'auth' }, emails: [], active: true })
      .expect(200);
    expect(put.body.name).toEqual({ givenName: 'auth', formatted: 'auth' });
    expect(put.body.emails).toBeUndefined();
    expect(put.body.externalId).toBe('a1b2c3');

    const group = (
      await idp.post('/Groups', { schemas: [GROUP_URN], displayName: 'authentik Admins', members: [{ value: user.id }, { value: 'not-a-user' }] }).expect(201)
    ).body;
    expect(group.members.map((member: { value: string }) => member.value)).toEqual([user.id]);
    await idp.patch(`/Groups/${group.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: other.id }] }] }).expect(200);
    await idp.patch(`/Groups/${group.id}`, { Operations: [{ op: 'remove', path: 'members', value: [{ value: user.id }] }] }).expect(200);
    expect(await memberIds(group.id)).toEqual([other.id]);
    const replaced = await idp
      .put(`/Groups/${group.id}`, { schemas: [GROUP_URN], id: group.id, displayName: 'authentik Admins', members: [{ value: user.id }] })
      .expect(200);
    expect(replaced.body.members.map((member: { value: string }) => member.value)).toEqual([user.id]);
    const kept = await idp.put(`/Groups/${group.id}`, { displayName: 'authentik Admins 2' }).expect(200);
    expect(kept.body.members.map((member: { value: string }) => member.value)).toEqual([user.id]);
    await idp.delete(`/Users/${other.id}`).expect(204);
    await idp.delete(`/Groups/${group.id}`).expect(204);
  });

  it('JumpCloud: repeated adds are no-ops, replace of all members, remove of all members', async () => {
    const users = await Promise.all(
      ['j1', 'j2', 'j3'].map(async (name) => (await idp.post('/Users', { userName: `${name}@jumpcloud.test`, active: true }).expect(201)).body.id as string),
    );
    const group = (await idp.post('/Groups', { displayName: 'JumpCloud group', members: [] }).expect(201)).body;
    const add = patchOf({ op: 'add', path: 'members', value: [{ value: users[0] }, { value: users[1] }] });
    const first = await idp.patch(`/Groups/${group.id}`, add).expect(200);
    const again = await idp.patch(`/Groups/${group.id}`, add).expect(200);
    expect({ ...again.body.meta, location: undefined }).toEqual({ ...first.body.meta, location: undefined });
    expect(await auditOf(again.headers['x-request-id'])).toEqual([]);
    await idp.patch(`/Groups/${group.id}`, patchOf({ op: 'replace', path: 'members', value: [{ value: users[1] }, { value: users[2] }] })).expect(200);
    expect(await memberIds(group.id)).toEqual([users[1], users[2]].sort());
    const cleared = await idp.patch(`/Groups/${group.id}`, patchOf({ op: 'remove', path: 'members' })).expect(200);
    expect(cleared.body.members).toEqual([]);
    expect((await auditOf(cleared.headers['x-request-id'])).map((log: { event: { type: string } }) => log.event.type)).toEqual([
      'scim-remove-user-from-group',
      'scim-remove-user-from-group',
    ]);
    // Every operation in order, in one request: add, remove one of them, add again.
    await idp
      .patch(
        `/Groups/${group.id}`,
        patchOf(
          { op: 'add', path: 'members', value: [{ value: users[0] }, { value: users[1] }] },
          { op: 'remove', path: `members[value eq "${users[0]}" or value eq "${users[1]}"]` },
          { op: 'add', path: 'members', value: { value: users[2] } },
        ),
      )
      .expect(200);
    expect(await memberIds(group.id)).toEqual([users[2]]);
  });

  it('adopts a regular group on its first SCIM change, in the same write', async () => {
    const before = (await idp.get(`/Groups/${ENGINEERING}`).expect(200)).body;
    const [{ id: adminId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
    // A no-op adopts nothing.
    await idp.patch(`/Groups/${ENGINEERING}`, patchOf({ op: 'replace', path: 'displayName', value: 'Engineering' })).expect(200);
    await api().post(`/api/v1/groups/${ENGINEERING}/users/admin@acme.test`).expect(200);
    const afterRegular = (await idp.get(`/Groups/${ENGINEERING}`).expect(200)).body;
    expect(Number(afterRegular.meta.version.slice(3, -1))).toBe(Number(before.meta.version.slice(3, -1)) + 1);
    const adopted = await idp.patch(`/Groups/${ENGINEERING}`, patchOf({ op: 'remove', path: `members[value eq "${adminId}"]` })).expect(200);
    expect((await auditOf(adopted.headers['x-request-id'])).map((log: { event: { type: string } }) => log.event.type).sort()).toEqual([
      'scim-adopt-group',
      'scim-remove-user-from-group',
    ]);
    expect((await api().post(`/api/v1/groups/${ENGINEERING}/users/admin@acme.test`)).status).toBe(400);
  });
});
