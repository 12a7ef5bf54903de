import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { expectEnvelope } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';
const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  creator: 'token-creator-0123456789abcdef',
  editor: 'token-editor-0123456789abcdef',
  deleter: 'token-deleter-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};
const identityManager = (actions: string[]) => actions.map((action) => ({ subject: 'identity', action }));
const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    { organization: 'acme', slug: 'identity-creator', name: 'Identity creator', permissions: identityManager(['create', 'read']) },
    { organization: 'acme', slug: 'identity-editor', name: 'Identity editor', permissions: identityManager(['edit', 'read']) },
    { organization: 'acme', slug: 'identity-deleter', name: 'Identity deleter', permissions: identityManager(['delete']) },
    { organization: 'acme', slug: 'group-reader', name: 'Group reader', permissions: [{ subject: 'groups', action: 'read' }] },
  ],
  users: [
    { username: 'admin@acme.test' },
    { username: 'member@acme.test' },
    { username: 'creator@acme.test' },
    { username: 'editor@acme.test' },
    { username: 'deleter@acme.test' },
    { username: 'boss@globex.test' },
  ],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'creator@acme.test', role: 'identity-creator' },
    { organization: 'acme', username: 'editor@acme.test', role: 'identity-editor' },
    { organization: 'acme', username: 'deleter@acme.test', role: 'identity-deleter' },
    { organization: 'globex', username: 'boss@globex.test', role: 'admin' },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'creator@acme.test', name: 'creator', token: tokens.creator },
    { organization: 'acme', username: 'editor@acme.test', name: 'editor', token: tokens.editor },
    { organization: 'acme', username: 'deleter@acme.test', name: 'deleter', token: tokens.deleter },
    { organization: 'globex', username: 'boss@globex.test', name: 'boss', token: tokens.globex },
  ],
};

describe.each(DATABASE_KINDS)('machine identities on %s', (kind) => {
  let t: TestApp;
  let acmeId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    [{ id: acmeId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
  });
  afterAll(() => t.close());

  /** `null`: no Authorization header. */
  const as = (token: string | null, call: request.Test) => (token === null ? call : call.set('Authorization', `Bearer ${token}`));
  const create = (body: unknown, token: string | null = tokens.admin) =>
    as(
      token,
      request(t.server)
        .post('/api/v1/identities')
        .send(body as object),
    );
  const get = (id: string, token: string | null = tokens.admin) => as(token, request(t.server).get(`/api/v1/identities/${id}`));
  const list = (query: string, token: string | null = tokens.admin) => as(token, request(t.server).get(`/api/v1/identities${query}`));
  const update = (id: string, body: unknown, token: string | null = tokens.admin) =>
    as(
      token,
      request(t.server)
        .patch(`/api/v1/identities/${id}`)
        .send(body as object),
    );
  const remove = (id: string, token: string | null = tokens.admin) => as(token, request(t.server).delete(`/api/v1/identities/${id}`));

  /** Runs a refusal and checks that it changed nothing, audit log included. */
  async function refused(call: () => request.Test, status: number, error: string, message?: unknown) {
    const before = await databaseDigest(t);
    const response = await call();
    expectEnvelope(response, status, error);
    if (message !== undefined) expect(response.body.message).toEqual(message);
    expect(await databaseDigest(t)).toBe(before);
    return response;
  }

  async function auditEntries(eventType: string) {
    const response = await request(t.server).get(`/api/v1/organization/audit-logs?eventType=${eventType}`).set('Authorization', `Bearer ${tokens.admin}`);
    expect(response.status).toBe(200);
    return response.body.auditLogs as { event: { metadata: Record<string, unknown> }; actor: unknown }[];
  }

  describe('create', () => {
    it('answers exactly the identity, writes the audit entry, and the identity is then readable', async () => {
      const response = await create({ name: '  ci-deployer  ', role: 'member', hasDeleteProtection: true, organizationId: acmeId.toUpperCase(), metadata: [] });
      expect(response.status).toBe(200);
      const { identity } = response.body;
      expect(Object.keys(response.body)).toEqual(['identity']);
      expect(identity).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'ci-deployer',
        orgId: acmeId,
        hasDeleteProtection: true,
        authMethods: [],
        createdAt: expect.any(String),
        updatedAt: identity.createdAt,
      });
      const [entry] = await auditEntries('create-identity');
      expect(entry.event.metadata).toEqual({ identityId: identity.id, name: 'ci-deployer', hasDeleteProtection: true });
      const read = await get(identity.id);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        identity: {
          identityId: identity.id,
          orgId: acmeId,
          role: 'member',
          lastLoginAuthMethod: null,
          lastLoginTime: null,
          createdAt: identity.createdAt,
          updatedAt: identity.updatedAt,
          identity: { id: identity.id, name: 'ci-deployer', orgId: acmeId, hasDeleteProtection: true, authMethods: [] },
        },
      });
    });

    it('defaults to role no-access and no delete protection; a custom role is kept by slug', async () => {
      const plain = await create({ name: 'plain' });
      expect(plain.body.identity.hasDeleteProtection).toBe(false);
      expect((await get(plain.body.identity.id)).body.identity.role).toBe('no-access');
      const custom = await create({ name: 'custom', role: 'group-reader', metadata: null });
      expect((await get(custom.body.identity.id)).body.identity.role).toBe('group-reader');
    });

    it('1. 401 without a token, before the input', async () => {
      await refused(() => create({ nope: 1 }, null), 401, 'UnauthorizedError', 'Token missing');
    });

    it.each([
      ['no name', {}, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name of 65 characters', { name: 'x'.repeat(65) }, 'name'],
      ['a control character', { name: 'a\u0007b' }, 'name'],
      ['a role that is not a string', { name: 'x', role: 7 }, 'role'],
      ['hasDeleteProtection not a boolean', { name: 'x', hasDeleteProtection: 'yes' }, 'hasDeleteProtection'],
      ['a malformed organizationId', { name: 'x', organizationId: 'acme' }, 'organizationId'],
      ['metadata entries', { name: 'x', metadata: [{ key: 'a', value: 'b' }] }, 'metadata'],
      ['an unknown key', { name: 'x', color: 'red' }, 'color'],
    ])('2. 422 for %s, before the permission check', async (_case, body, field) => {
      const response = await refused(() => create(body, tokens.member), 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ path: [field] })]);
    });

    it('3. 403 without create on identity, before the organization', async () => {
      await refused(() => create({ name: 'x', organizationId: MISSING }, tokens.member), 403, 'PermissionDenied', 'You are not allowed to create on identity');
      const response = await create({ name: 'x' }, tokens.editor);
      expect(response.body.details).toEqual({ missingPermissions: [{ action: 'create', subject: 'identity' }] });
    });

    it("4. 404 for an organization other than the token's, before the role", async () => {
      const [{ id: globexId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'globex'");
      for (const orgId of [globexId, MISSING]) {
        await refused(() => create({ name: 'x', organizationId: orgId, role: 'nope' }), 404, 'NotFound', `Failed to find organization with ID ${orgId}`);
      }
    });

    it('5. 400 for a role that does not exist in the organization, before the boundary', async () => {
      await refused(() => create({ name: 'x', role: 'auditor' }, tokens.creator), 400, 'BadRequest', 'Role auditor does not exist in the organization');
    });

    it("6. 403 PermissionBoundaryError for a role beyond the actor's, listing what it lacks", async () => {
      const response = await refused(() => create({ name: 'x', role: 'member' }, tokens.creator), 403, 'PermissionBoundaryError');
      expect(response.body.message).toBe('Failed to create identity. Actor is missing permission grant-privileges on identity');
      expect(response.body.details).toEqual({ missingPermissions: [{ action: 'read', subject: 'groups' }] });
      // A role within the actor's permissions needs no grant-privileges.
      expect((await create({ name: 'within-bounds' }, tokens.creator)).status).toBe(200);
    });

    it('7. 400 for a name taken in the organization, whatever its case; another organization may use it', async () => {
      await create({ name: 'Terraform' });
      await refused(() => create({ name: 'TERRAFORM' }), 400, 'BadRequest', 'An identity with name TERRAFORM already exists in the organization');
      expect((await create({ name: 'terraform' }, tokens.globex)).status).toBe(200);
    });

    it('of concurrent creates of one name, exactly one succeeds', async () => {
      const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => create({ name: i % 2 ? 'Racer' : 'racer' })));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
      const rows = await t.database.query("SELECT id FROM identities WHERE lower(name) = 'racer'");
      expect(rows).toHaveLength(1);
      expect((await auditEntries('create-identity')).filter((entry) => String(entry.event.metadata.name).toLowerCase() === 'racer')).toHaveLength(1);
    });
  });

  describe('list', () => {
    let ids: Record<string, string>;
    beforeAll(async () => {
      ids = {};
      for (const name of ['list-b', 'List-a', 'list-C']) ids[name] = (await create({ name }, tokens.globex)).body.identity.id;
    });

    it("pages through the organization's identities by name in any case, with the total over all pages", async () => {
      const all = await list('', tokens.globex);
      expect(all.status).toBe(200);
      expect(all.body.identities.map((entry: { identity: { name: string } }) => entry.identity.name)).toEqual(['List-a', 'list-b', 'list-C', 'terraform']);
      expect(all.body.totalCount).toBe(4);
      const page = await list('?offset=1&limit=2&search=LIST', tokens.globex);
      expect(page.body).toEqual({
        identities: [expect.objectContaining({ identityId: ids['list-b'] }), expect.objectContaining({ identityId: ids['list-C'] })],
        totalCount: 3,
      });
      expect((await list('?search=', tokens.globex)).body.totalCount).toBe(4);
      expect((await list('?search=%25', tokens.globex)).body.totalCount).toBe(0);
    });

    it('is readable by a member, never shows another organization, and checks orgId', async () => {
      const acme = await list('?limit=100', tokens.member);
      expect(acme.status).toBe(200);
      expect(acme.body.identities.some((entry: { identity: { name: string } }) => entry.identity.name.startsWith('list-'))).toBe(false);
      const [{ id: globexId }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'globex'");
      await refused(() => list(`?orgId=${globexId}`, tokens.member), 404, 'NotFound', `Failed to find organization with ID ${globexId}`);
      expect((await list(`?orgId=${acmeId}`, tokens.member)).status).toBe(200);
    });

    it('refuses bad queries with 422, then missing read with 403', async () => {
      for (const query of ['?limit=0', '?limit=101', '?offset=-1', `?search=${'x'.repeat(65)}`, '?orgId=acme', '?page=2']) {
        await refused(() => list(query, tokens.deleter), 422, 'ValidationFailure');
      }
      await refused(() => list('', tokens.deleter), 403, 'PermissionDenied', 'You are not allowed to read on identity');
    });
  });

  describe('get, update and delete', () => {
    let globexIdentity: string;
    beforeAll(async () => {
      globexIdentity = (await create({ name: 'globex-only' }, tokens.globex)).body.identity.id;
    });

    it("answer 404 for another organization's identity exactly as for a missing one, and 422 for a malformed id", async () => {
      for (const id of [globexIdentity, MISSING]) {
        await refused(() => get(id), 404, 'NotFound', `Failed to find identity with id ${id}`);
        await refused(() => update(id, { name: 'stolen' }), 404, 'NotFound', `Failed to find identity with id ${id}`);
        await refused(() => remove(id), 404, 'NotFound', `Failed to find identity with id ${id}`);
      }
      await refused(() => get('not-a-uuid'), 422, 'ValidationFailure', [{ code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] }]);
      expect((await get(globexIdentity, tokens.globex)).status).toBe(200);
    });

    it('update changes what it is given, in the order of its checks, with its audit entry', async () => {
      const { id } = (await create({ name: 'to-edit' })).body.identity;
      await create({ name: 'taken-name' });
      await refused(() => update(id, { name: 'x' }, null), 401, 'UnauthorizedError');
      await refused(() => update(id, { identityId: MISSING }, tokens.member), 422, 'ValidationFailure', [
        { code: 'equals', message: 'identityId must be the identityId of the path', path: ['identityId'] },
      ]);
      await refused(() => update(id, { name: 'x' }, tokens.member), 403, 'PermissionDenied', 'You are not allowed to edit on identity');
      await refused(() => update(MISSING, { role: 'nope' }, tokens.editor), 404, 'NotFound');
      await refused(() => update(id, { role: 'nope' }, tokens.editor), 400, 'BadRequest', 'Role nope does not exist in the organization');
      await refused(
        () => update(id, { role: 'admin' }, tokens.editor),
        403,
        'PermissionBoundaryError',
        'Failed to update identity. Actor is missing permission grant-privileges on identity',
      );
      await refused(
        () => update(id, { name: 'TAKEN-name' }, tokens.editor),
        400,
        'BadRequest',
        'An identity with name TAKEN-name already exists in the organization',
      );

      const response = await update(id, { name: 'edited', hasDeleteProtection: true, identityId: id.toUpperCase() }, tokens.editor);
      expect(response.status).toBe(200);
      expect(response.body.identity).toEqual(expect.objectContaining({ id, name: 'edited', hasDeleteProtection: true }));
      expect((await get(id)).body.identity.role).toBe('no-access');
      const [entry] = await auditEntries('update-identity');
      expect(entry.event.metadata).toEqual({ identityId: id, name: 'edited', hasDeleteProtection: true });
      expect((await update(id, { name: 'Edited' })).status).toBe(200);
    });

    it('delete refuses a protected identity, then removes it and answers it as it was', async () => {
      const { id } = (await create({ name: 'to-delete', hasDeleteProtection: true })).body.identity;
      await refused(() => remove(id, tokens.member), 403, 'PermissionDenied', 'You are not allowed to delete on identity');
      await refused(() => remove(id, tokens.deleter), 400, 'BadRequest', 'Identity has delete protection');
      await update(id, { hasDeleteProtection: false });
      await refused(() => remove(id, tokens.deleter).send({ identityId: MISSING }), 422, 'ValidationFailure');
      const response = await remove(id, tokens.deleter);
      expect(response.status).toBe(200);
      expect(response.body.identity).toEqual(expect.objectContaining({ id, name: 'to-delete', hasDeleteProtection: false }));
      await refused(() => remove(id, tokens.deleter), 404, 'NotFound');
      const [entry] = await auditEntries('delete-identity');
      expect(entry.event.metadata).toEqual({ identityId: id });
    });

    it('of concurrent deletes of one identity, exactly one succeeds', async () => {
      const { id } = (await create({ name: 'delete-race' })).body.identity;
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => remove(id)))).map((response) => response.status).sort();
      expect(statuses).toEqual([200, 404, 404, 404, 404, 404]);
      expect((await auditEntries('delete-identity')).filter((entry) => entry.event.metadata.identityId === id)).toHaveLength(1);
    });
  });
});
