import request from 'supertest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const GLOBEX_SALES = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182';
const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  noAccess: 'token-no-access-0123456789abcdef',
  manager: 'token-manager-0123456789abcdef',
  granter: 'token-granter-0123456789abcdef',
  grouped: 'token-grouped-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};

const read = { subject: 'groups', action: 'read' };
// With `read` on identity a manager holds all that `member` grants, so it may hand `member` out.
const MANAGE = [read, { subject: 'identity', action: 'read' }, ...['create', 'edit', 'delete'].map((action) => ({ subject: 'groups', action }))];

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    { organization: 'acme', slug: 'group-manager', name: 'Group manager', permissions: MANAGE },
    { organization: 'acme', slug: 'group-granter', name: 'Group granter', permissions: [...MANAGE, { subject: 'groups', action: 'grant-privileges' }] },
    { organization: 'acme', slug: 'auditor', name: 'Auditor', permissions: [{ subject: 'audit-logs', action: 'read' }] },
  ],
  users: [
    { username: 'admin@acme.test', firstName: 'Ada' },
    { username: 'member@acme.test' },
    { username: 'noaccess@acme.test' },
    { username: 'manager@acme.test' },
    { username: 'granter@acme.test' },
    { username: 'grouped@acme.test' },
    { username: 'admin@globex.test' },
  ],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'noaccess@acme.test', role: 'no-access' },
    { organization: 'acme', username: 'manager@acme.test', role: 'group-manager' },
    { organization: 'acme', username: 'granter@acme.test', role: 'group-granter' },
    // Holds its permissions through a group's role only.
    { organization: 'acme', username: 'grouped@acme.test', role: 'no-access' },
    { organization: 'globex', username: 'admin@globex.test', role: 'admin' },
  ],
  groups: [
    { organization: 'acme', id: ENGINEERING, name: 'Engineering', slug: 'engineering', role: 'member', members: ['member@acme.test'] },
    { organization: 'acme', name: 'Managers', slug: 'managers', role: 'group-manager', members: ['grouped@acme.test'] },
    { organization: 'globex', id: GLOBEX_SALES, name: 'Sales', slug: 'sales', role: 'member', members: ['admin@globex.test'] },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'e2e', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'e2e', token: tokens.member },
    { organization: 'acme', username: 'noaccess@acme.test', name: 'e2e', token: tokens.noAccess },
    { organization: 'acme', username: 'manager@acme.test', name: 'e2e', token: tokens.manager },
    { organization: 'acme', username: 'granter@acme.test', name: 'e2e', token: tokens.granter },
    { organization: 'acme', username: 'grouped@acme.test', name: 'e2e', token: tokens.grouped },
    { organization: 'globex', username: 'admin@globex.test', name: 'e2e', token: tokens.globex },
  ],
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(DATABASE_KINDS)('groups CRUD on %s', (kind) => {
  let t: TestApp;
  let acmeId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const create = (token: string, body: unknown) =>
    request(t.server)
      .post('/api/v1/groups')
      .set(as(token))
      .send(body as object);
  const auditCount = async (type: string) =>
    Number((await t.database.query<{ n: number }>('SELECT count(*) AS n FROM audit_logs WHERE event_type = $1', [type]))[0].n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    [{ id: acmeId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
  });
  afterAll(() => t.close());

  describe('POST /api/v1/groups', () => {
    it('creates a group with 200 and exactly its fields, and writes create-group in the audit log', async () => {
      const before = await auditCount('create-group');
      const response = await create(tokens.admin, { name: 'Platform Team', slug: 'platform-team', role: 'member' }).expect(200);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        orgId: acmeId,
        name: 'Platform Team',
        slug: 'platform-team',
        role: 'member',
        roleId: null,
        createdAt: expect.stringMatching(ISO),
        updatedAt: response.body.createdAt,
      });
      expect(await auditCount('create-group')).toBe(before + 1);
      const fetched = await request(t.server).get(`/api/v1/groups/${response.body.id}`).set(as(tokens.admin)).expect(200);
      expect(fetched.body).toEqual({ ...response.body, customRoleSlug: null });
    });

    it('names a custom role by its id in every answer, and by its slug too in Get Group By ID', async () => {
      const [{ id: roleId }] = await t.database.query<{ id: string }>("SELECT id FROM roles WHERE slug = 'group-manager'");
      const created = await create(tokens.admin, { name: 'Custom role holders', role: 'group-manager' }).expect(200);
      expect(created.body).toMatchObject({ role: 'group-manager', roleId });
      const { id } = created.body;
      const fetched = await request(t.server).get(`/api/v1/groups/${id}`).set(as(tokens.admin)).expect(200);
      expect(fetched.body).toEqual({ ...created.body, customRoleSlug: 'group-manager' });
      const listed = await request(t.server).get('/api/v1/groups').set(as(tokens.admin)).expect(200);
      expect(listed.body.find((group: { id: string }) => group.id === id)).toEqual(created.body);
      const patched = await request(t.server).patch(`/api/v1/groups/${id}`).set(as(tokens.admin)).send({ role: 'member' }).expect(200);
      expect(patched.body).toMatchObject({ role: 'member', roleId: null });
      await request(t.server).patch(`/api/v1/groups/${id}`).set(as(tokens.admin)).send({ role: 'group-manager' }).expect(200);
      const deleted = await request(t.server).delete(`/api/v1/groups/${id}`).set(as(tokens.admin)).expect(200);
      expect(deleted.body).toMatchObject({ id, orgId: acmeId, roleId });
    });

    it('derives the slug from the name and defaults the role to no-access', async () => {
      const response = await create(tokens.admin, { name: '  Équipe Qualité & Sécurité  ' }).expect(200);
      expect(response.body).toMatchObject({ name: 'Équipe Qualité & Sécurité', slug: 'equipe-qualite-securite', role: 'no-access' });
    });

    it('pads a slug derived from a short name, and steps a derived slug aside from a taken one', async () => {
      expect((await create(tokens.admin, { name: 'QA' }).expect(200)).body.slug).toMatch(/^qa-[a-z0-9]{4}$/);
      const again = await create(tokens.admin, { name: 'Engineering' }).expect(200);
      expect(again.body.slug).toMatch(/^engineering-[a-z0-9]{4}$/);
    });

    it('refuses a slug the organization already has with 400, writing nothing', async () => {
      const before = await auditCount('create-group');
      const response = await create(tokens.admin, { name: 'Engineering 2', slug: 'engineering' });
      expectEnvelope(response, 400, 'BadRequest');
      expect(response.body.message).toBe('A group with slug engineering already exists in the organization');
      expect(await auditCount('create-group')).toBe(before);
    });

    it('allows a slug that only another organization has', async () => {
      await create(tokens.admin, { name: 'Sales', slug: 'sales' }).expect(200);
    });

    it('settles concurrent creations of one slug in the database: one 200, the others 400', async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => create(tokens.admin, { name: 'Race', slug: 'race-slug' })));
      expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(400)]);
      const rows = await t.database.query("SELECT id FROM groups WHERE slug = 'race-slug'");
      expect(rows).toHaveLength(1);
    });

    it('refuses an unknown role with 400', async () => {
      const response = await create(tokens.admin, { name: 'Ghosts', role: 'ghost-role' });
      expectEnvelope(response, 400, 'BadRequest');
      expect(response.body.message).toBe('Role ghost-role does not exist in the organization');
    });

    it('refuses an actor without create on groups', async () => {
      for (const token of [tokens.member, tokens.noAccess]) {
        const response = await create(token, { name: 'Nope' });
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body).toMatchObject({
          message: 'You are not allowed to create on groups',
          details: { missingPermissions: [{ action: 'create', subject: 'groups' }] },
        });
      }
    });

    it('refuses a group more privileged than the actor without grant-privileges, listing what the role grants beyond', async () => {
      const response = await create(tokens.manager, { name: 'Admins', role: 'admin' });
      expectEnvelope(response, 403, 'PermissionBoundaryError');
      expect(response.body.message).toBe('Failed to create a more privileged group. Actor is missing permission grant-privileges on groups');
      expect(response.body.details.missingPermissions).toEqual(
        expect.arrayContaining([
          { action: 'grant-privileges', subject: 'groups' },
          { action: 'add-members', subject: 'groups' },
          { action: 'read', subject: 'audit-logs' },
        ]),
      );
      expect(response.body.details.missingPermissions).not.toContainEqual({ action: 'create', subject: 'groups' });
      const custom = await create(tokens.manager, { name: 'Auditors', role: 'auditor' });
      expectEnvelope(custom, 403, 'PermissionBoundaryError');
      expect(custom.body.details).toEqual({ missingPermissions: [{ action: 'read', subject: 'audit-logs' }] });
    });

    it('lets an actor create a group that grants no more than it holds, or anything with grant-privileges', async () => {
      await create(tokens.manager, { name: 'Readers', role: 'member' }).expect(200);
      await create(tokens.manager, { name: 'Peers', role: 'group-manager' }).expect(200);
      await create(tokens.granter, { name: 'Auditors', role: 'auditor' }).expect(200);
      await create(tokens.granter, { name: 'Admins', role: 'admin' }).expect(200);
    });

    it('counts the permissions a group role grants to its members', async () => {
      await create(tokens.grouped, { name: 'Grouped readers', role: 'member' }).expect(200);
      expectEnvelope(await create(tokens.grouped, { name: 'Grouped admins', role: 'admin' }), 403, 'PermissionBoundaryError');
    });

    it.each([
      ['no name', {}, ['name']],
      ['an empty name', { name: '   ' }, ['name']],
      ['a name over 50 characters', { name: 'x'.repeat(51) }, ['name']],
      ['a name that is not a string', { name: 42 }, ['name']],
      ['a slug too short', { name: 'Ok', slug: 'abcd' }, ['slug']],
      ['a slug too long', { name: 'Ok', slug: 'a'.repeat(37) }, ['slug']],
      ['a slug with capitals', { name: 'Ok', slug: 'Platform' }, ['slug']],
      ['a slug with a trailing dash', { name: 'Ok', slug: 'platform-' }, ['slug']],
      ['a null slug', { name: 'Ok', slug: null }, ['slug']],
      ['a role that is not a string', { name: 'Ok', role: ['admin'] }, ['role']],
      ['an unknown field', { name: 'Ok', managedExternally: true }, ['managedExternally']],
    ])('answers 422 to %s', async (_case, body, path) => {
      const response = await create(tokens.admin, body);
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ path, code: expect.any(String), message: expect.any(String) })]);
    });

    it('says first that a missing or mistyped name must be a string', async () => {
      for (const body of [{}, { name: 42 }]) {
        expect((await create(tokens.admin, body)).body.message).toEqual([{ code: 'isString', message: 'name must be a string', path: ['name'] }]);
      }
    });

    it('checks the input before the permission, and the token before both', async () => {
      expectEnvelope(await create(tokens.member, {}), 422, 'ValidationFailure');
      expectEnvelope(await request(t.server).post('/api/v1/groups').send({ name: 'x' }), 401, 'UnauthorizedError');
    });
  });

  describe('GET /api/v1/groups and /api/v1/groups/{id}', () => {
    it("lists the organization's groups by name, only them", async () => {
      for (const name of ['Order B', 'Order C', 'Order A']) await create(tokens.admin, { name }).expect(200);
      const response = await request(t.server).get('/api/v1/groups').set(as(tokens.member)).expect(200);
      const names: string[] = response.body.map((group: { name: string }) => group.name);
      expect(names.filter((name) => name.startsWith('Order '))).toEqual(['Order A', 'Order B', 'Order C']);
      expect(names).toContain('Engineering');
      expect(response.body.every((group: { orgId: string }) => group.orgId === acmeId)).toBe(true);
      expect(response.body.map((group: { id: string }) => group.id)).not.toContain(GLOBEX_SALES);
      const globex = await request(t.server).get('/api/v1/groups').set(as(tokens.globex)).expect(200);
      expect(globex.body.map((group: { slug: string }) => group.slug)).toEqual(['sales']);
    });

    it('answers one group, to a member and to a custom role with read', async () => {
      for (const token of [tokens.member, tokens.manager, tokens.grouped]) {
        const response = await request(t.server).get(`/api/v1/groups/${ENGINEERING.toUpperCase()}`).set(as(token)).expect(200);
        expect(response.body).toEqual({
          id: ENGINEERING,
          orgId: acmeId,
          name: 'Engineering',
          slug: 'engineering',
          role: 'member',
          roleId: null,
          customRoleSlug: null,
          createdAt: expect.stringMatching(ISO),
          updatedAt: expect.stringMatching(ISO),
        });
      }
    });

    it('refuses an actor without read', async () => {
      for (const path of ['/api/v1/groups', `/api/v1/groups/${ENGINEERING}`]) {
        const response = await request(t.server).get(path).set(as(tokens.noAccess));
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body.message).toBe('You are not allowed to read on groups');
      }
    });

    it('answers a missing group and a group of another organization alike', async () => {
      for (const id of [MISSING, GLOBEX_SALES]) {
        const response = await request(t.server).get(`/api/v1/groups/${id}`).set(as(tokens.admin));
        expectEnvelope(response, 404, 'NotFound');
        expect(response.body.message).toBe(`Failed to find group with ID ${id}`);
      }
    });

    it('answers 422 to an id that is not a UUID', async () => {
      const response = await request(t.server).get('/api/v1/groups/not-a-uuid').set(as(tokens.admin));
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([{ code: 'matches', message: 'id must be a UUID', path: ['id'] }]);
    });
  });

  describe('PATCH /api/v1/groups/{id}', () => {
    let id: string;
    const patch = (token: string, body: unknown, groupId = id) =>
      request(t.server)
        .patch(`/api/v1/groups/${groupId}`)
        .set(as(token))
        .send(body as object);

    beforeAll(async () => {
      id = (await create(tokens.admin, { name: 'Patchable', slug: 'patchable', role: 'member' }).expect(200)).body.id;
    });

    it('changes the given fields only, answers the group and audits the changes with their values before and after', async () => {
      const response = await patch(tokens.manager, { name: 'Patched' }).expect(200);
      expect(response.body).toMatchObject({ id, name: 'Patched', slug: 'patchable', role: 'member' });
      expect(response.body.updatedAt >= response.body.createdAt).toBe(true);
      const [entry] = await t.database.query<{ metadata: unknown; req_id: string }>(
        "SELECT metadata, req_id FROM audit_logs WHERE event_type = 'update-group' ORDER BY created_at DESC LIMIT 1",
      );
      const metadata = typeof entry.metadata === 'string' ? JSON.parse(entry.metadata) : entry.metadata;
      expect(metadata).toEqual({ groupId: id, groupName: 'Patched', changes: { name: { from: 'Patchable', to: 'Patched' } } });
      expect(entry.req_id).toBe(response.headers['x-request-id']);
      const fetched = await request(t.server).get(`/api/v1/groups/${id}`).set(as(tokens.admin)).expect(200);
      expect(fetched.body).toEqual({ ...response.body, customRoleSlug: null });
    });

    it('writes nothing for an update that changes nothing', async () => {
      const before = await auditCount('update-group');
      const { customRoleSlug: _onlyInGet, ...current } = (await request(t.server).get(`/api/v1/groups/${id}`).set(as(tokens.admin))).body;
      expect((await patch(tokens.admin, {}).expect(200)).body).toEqual(current);
      expect((await patch(tokens.admin, { name: current.name, role: current.role }).expect(200)).body).toEqual(current);
      expect(await auditCount('update-group')).toBe(before);
    });

    it('refuses a slug taken in the organization with 400, and an unknown role with 400', async () => {
      expectEnvelope(await patch(tokens.admin, { slug: 'engineering' }), 400, 'BadRequest');
      expectEnvelope(await patch(tokens.admin, { role: 'ghost-role' }), 400, 'BadRequest');
      expect((await request(t.server).get(`/api/v1/groups/${id}`).set(as(tokens.admin))).body).toMatchObject({ slug: 'patchable', role: 'member' });
    });

    it('applies the privilege rule to a role change only', async () => {
      const response = await patch(tokens.manager, { role: 'admin' });
      expectEnvelope(response, 403, 'PermissionBoundaryError');
      expect(response.body.message).toBe('Failed to update a more privileged group. Actor is missing permission grant-privileges on groups');
      await patch(tokens.granter, { role: 'admin' }).expect(200);
      // Renaming a group more privileged than the actor is not a grant.
      await patch(tokens.manager, { name: 'Patched again' }).expect(200);
      await patch(tokens.manager, { role: 'member' }).expect(200);
    });

    it('refuses an actor without edit, and answers a group of another organization as missing', async () => {
      for (const token of [tokens.member, tokens.noAccess]) {
        const response = await patch(token, { name: 'x' });
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body.message).toBe('You are not allowed to edit on groups');
      }
      expectEnvelope(await patch(tokens.globex, { name: 'Hijacked' }), 404, 'NotFound');
      expectEnvelope(await patch(tokens.admin, { name: 'Hijacked' }, GLOBEX_SALES), 404, 'NotFound');
      expect((await request(t.server).get(`/api/v1/groups/${GLOBEX_SALES}`).set(as(tokens.globex))).body.name).toBe('Sales');
    });

    it.each([
      ['a null name', { name: null }, ['name']],
      ['an empty name', { name: '' }, ['name']],
      ['a bad slug', { slug: 'Not A Slug' }, ['slug']],
      ['an unknown field', { orgId: MISSING }, ['orgId']],
    ])('answers 422 to %s', async (_case, body, path) => {
      const response = await patch(tokens.admin, body);
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ path })]);
    });
  });

  describe('DELETE /api/v1/groups/{id}', () => {
    it('deletes the group and its memberships in one go, answers the group as it was and audits it', async () => {
      const group = (await create(tokens.admin, { name: 'Doomed', slug: 'doomed', role: 'no-access' }).expect(200)).body;
      await request(t.server).post(`/api/v1/groups/${group.id}/users/member@acme.test`).set(as(tokens.admin)).expect(200);
      const response = await request(t.server).delete(`/api/v1/groups/${group.id}`).set(as(tokens.manager)).expect(200);
      expect(response.body).toEqual(group);
      expect(await t.database.query('SELECT id FROM group_memberships WHERE group_id = $1', [group.id])).toEqual([]);
      expectEnvelope(await request(t.server).get(`/api/v1/groups/${group.id}`).set(as(tokens.admin)), 404, 'NotFound');
      const [entry] = await t.database.query<{ metadata: unknown }>(
        "SELECT metadata FROM audit_logs WHERE event_type = 'delete-group' ORDER BY created_at DESC LIMIT 1",
      );
      const metadata = typeof entry.metadata === 'string' ? JSON.parse(entry.metadata) : entry.metadata;
      expect(metadata).toEqual({ groupId: group.id, groupName: 'Doomed', groupSlug: 'doomed', role: 'no-access' });
    });

    it('deletes once: of concurrent deletes one answers 200, the others 404', async () => {
      const group = (await create(tokens.admin, { name: 'Contested' }).expect(200)).body;
      const before = await auditCount('delete-group');
      const responses = await Promise.all(Array.from({ length: 5 }, () => request(t.server).delete(`/api/v1/groups/${group.id}`).set(as(tokens.admin))));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404]);
      expect(await auditCount('delete-group')).toBe(before + 1);
    });

    it('refuses an actor without delete, and never deletes a group of another organization', async () => {
      for (const token of [tokens.member, tokens.noAccess]) {
        const response = await request(t.server).delete(`/api/v1/groups/${ENGINEERING}`).set(as(token));
        expectEnvelope(response, 403, 'PermissionDenied');
        expect(response.body.message).toBe('You are not allowed to delete on groups');
      }
      expectEnvelope(await request(t.server).delete(`/api/v1/groups/${ENGINEERING}`).set(as(tokens.globex)), 404, 'NotFound');
      expectEnvelope(await request(t.server).delete(`/api/v1/groups/${GLOBEX_SALES}`).set(as(tokens.admin)), 404, 'NotFound');
      expectEnvelope(await request(t.server).delete('/api/v1/groups/12345').set(as(tokens.admin)), 422, 'ValidationFailure');
      await request(t.server).get(`/api/v1/groups/${ENGINEERING}`).set(as(tokens.admin)).expect(200);
      await request(t.server).get(`/api/v1/groups/${GLOBEX_SALES}`).set(as(tokens.globex)).expect(200);
    });
  });
});
