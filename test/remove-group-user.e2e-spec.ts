import fc from 'fast-check';
import request from 'supertest';
import { expectEnvelope, seedValidator } from './helpers/envelope';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ENGINEERING = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';
const MANAGED = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const LEADS = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const SUPPORT = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6071';
const GLOBEX_GROUP = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182';
const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';

const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  noAccess: 'token-no-access-0123456789abcdef',
  editor: 'token-editor-0123456789abcdef',
  remover: 'token-remover-0123456789abcdef',
  lead: 'token-lead-0123456789abcdef',
  globex: 'token-globex-0123456789abcdef',
};

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  roles: [
    { organization: 'acme', slug: 'group-editor', name: 'Group editor', permissions: [{ subject: 'groups', action: 'edit' }] },
    {
      organization: 'acme',
      slug: 'group-remover',
      name: 'Group remover',
      permissions: [
        { subject: 'groups', action: 'edit' },
        { subject: 'groups', action: 'remove-members' },
      ],
    },
  ],
  users: [
    { username: 'admin@acme.test', email: 'admin@acme.test', firstName: 'Ada', lastName: 'Admin' },
    { username: 'Alice@Acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
    { username: 'bob@acme.test' },
    { username: 'carol@acme.test', email: 'carol@acme.test', firstName: 'Carol', lastName: 'Concurrent' },
    { username: 'member@acme.test' },
    { username: 'noaccess@acme.test' },
    { username: 'editor@acme.test' },
    { username: 'remover@acme.test' },
    { username: 'lead@acme.test' },
    { username: 'mallory@globex.test' },
  ],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'Alice@Acme.test', role: 'member' },
    { organization: 'acme', username: 'bob@acme.test', role: 'member' },
    { organization: 'acme', username: 'carol@acme.test', role: 'member' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'noaccess@acme.test', role: 'no-access' },
    { organization: 'acme', username: 'editor@acme.test', role: 'group-editor' },
    { organization: 'acme', username: 'remover@acme.test', role: 'group-remover' },
    { organization: 'acme', username: 'lead@acme.test', role: 'no-access' },
    { organization: 'globex', username: 'mallory@globex.test', role: 'admin' },
  ],
  groups: [
    {
      organization: 'acme',
      id: ENGINEERING,
      name: 'Engineering',
      slug: 'engineering',
      role: 'member',
      members: ['Alice@Acme.test', 'carol@acme.test', 'remover@acme.test'],
    },
    {
      organization: 'acme',
      id: MANAGED,
      name: 'Directory synced',
      slug: 'directory-synced',
      role: 'member',
      managedExternally: true,
      members: ['Alice@Acme.test'],
    },
    // Its members hold `admin` through the group: the union of roles is what groups are for.
    { organization: 'acme', id: LEADS, name: 'Leads', slug: 'leads', role: 'admin', members: ['lead@acme.test'] },
    { organization: 'acme', id: SUPPORT, name: 'Support', slug: 'support', role: 'no-access', members: ['bob@acme.test', 'Alice@Acme.test'] },
    { organization: 'globex', id: GLOBEX_GROUP, name: 'Globex staff', slug: 'globex-staff', role: 'member', members: ['mallory@globex.test'] },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'noaccess@acme.test', name: 'no-access', token: tokens.noAccess },
    { organization: 'acme', username: 'editor@acme.test', name: 'editor', token: tokens.editor },
    { organization: 'acme', username: 'remover@acme.test', name: 'remover', token: tokens.remover },
    { organization: 'acme', username: 'lead@acme.test', name: 'lead', token: tokens.lead },
    { organization: 'globex', username: 'mallory@globex.test', name: 'mallory', token: tokens.globex },
  ],
};

describe.each(DATABASE_KINDS)('DELETE /api/v1/groups/{id}/users/{username} on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  const remove = (groupId: string, username: string, token?: string) => {
    const call = request(t.server).delete(`/api/v1/groups/${groupId}/users/${username}`);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  async function memberships(): Promise<string[]> {
    const rows = await t.database.query<{ group_id: string; username: string }>(
      'SELECT gm.group_id, u.username FROM group_memberships gm JOIN users u ON u.id = gm.user_id ORDER BY gm.group_id, u.username',
    );
    return rows.map((row) => `${row.group_id}/${row.username}`);
  }

  async function auditCount(): Promise<number> {
    const [row] = await t.database.query<{ n: number | string }>('SELECT count(*) AS n FROM audit_logs');
    return Number(row.n);
  }

  /** Runs a refusal and checks that it changed nothing. */
  async function refused(call: () => request.Test) {
    const before = [await memberships(), await auditCount()];
    const response = await call();
    expect([await memberships(), await auditCount()]).toEqual(before);
    return response;
  }

  describe('refusals, in the order of the checks', () => {
    it('1. 401 without a token, and with an unknown token, before validating input', async () => {
      expectEnvelope(await refused(() => remove('not-a-uuid', 'x')), 401, 'UnauthorizedError', 'Token missing');
      expectEnvelope(await refused(() => remove(ENGINEERING, 'Alice@Acme.test', 'unknown-token')), 401, 'UnauthorizedError');
    });

    it('2. 422 for a malformed id, before the permission check', async () => {
      const response = await refused(() => remove('not-a-uuid', 'alice@acme.test', tokens.member));
      expectEnvelope(response, 422, 'ValidationFailure', [{ code: 'matches', message: 'id must be a UUID', path: ['id'] }]);
    });

    it.each([
      ['blank', '%20%20%20', 'username must not be empty'],
      ['overlong', 'a'.repeat(256), 'username must be at most 255 characters'],
      ['with a control character', 'ali%01ce', 'username must not contain control characters'],
      ['with a NUL byte', 'alice%00', 'username must not contain control characters'],
      ['with a DEL', 'alice%7F', 'username must not contain control characters'],
    ])('2. 422 for a username %s', async (_case, username, message) => {
      const response = await refused(() => remove(ENGINEERING, username, tokens.admin));
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message).toEqual([expect.objectContaining({ message, path: ['username'] })]);
    });

    it('2. 422 names every malformed parameter', async () => {
      const response = await refused(() => remove('42', '%20', tokens.admin));
      expectEnvelope(response, 422, 'ValidationFailure');
      expect(response.body.message.map((issue: { path: string[] }) => issue.path[0]).sort()).toEqual(['id', 'username']);
    });

    it('2. accepts a username of exactly 255 characters (then 404)', async () => {
      expectEnvelope(
        await refused(() => remove(ENGINEERING, 'a'.repeat(255), tokens.admin)),
        404,
        'NotFound',
        `Failed to find user with username ${'a'.repeat(255)}`,
      );
    });

    it('3. 403 PermissionDenied without edit on groups, before looking for the group', async () => {
      for (const token of [tokens.member, tokens.noAccess]) {
        const response = await refused(() => remove(MISSING, 'Alice@Acme.test', token));
        expectEnvelope(response, 403, 'PermissionDenied', 'You are not allowed to edit on groups');
        expect(response.body.details).toEqual({ missingPermissions: [{ action: 'edit', subject: 'groups' }] });
      }
    });

    it('4. 404 for a group that does not exist, and the same for a group of another organization', async () => {
      expectEnvelope(await refused(() => remove(MISSING, 'Alice@Acme.test', tokens.admin)), 404, 'NotFound', `Failed to find group with ID ${MISSING}`);
      expectEnvelope(
        await refused(() => remove(GLOBEX_GROUP, 'mallory@globex.test', tokens.admin)),
        404,
        'NotFound',
        `Failed to find group with ID ${GLOBEX_GROUP}`,
      );
    });

    it('5. 400 for a group whose memberships an identity provider manages, before the boundary check', async () => {
      expectEnvelope(await refused(() => remove(MANAGED, 'Alice@Acme.test', tokens.admin)), 400, 'BadRequest');
      expectEnvelope(await refused(() => remove(MANAGED, 'nobody', tokens.editor)), 400, 'BadRequest');
    });

    it('6. 403 PermissionBoundaryError without remove-members, before looking for the user', async () => {
      const response = await refused(() => remove(ENGINEERING, 'nobody', tokens.editor));
      expectEnvelope(
        response,
        403,
        'PermissionBoundaryError',
        'Failed to remove user from more privileged group. Actor is missing permission remove-members on groups',
      );
      expect(response.body.details).toEqual({ missingPermissions: [{ action: 'remove-members', subject: 'groups' }] });
    });

    it('7. 404 for a user unknown to the organization, and the same for a user of another organization', async () => {
      expectEnvelope(
        await refused(() => remove(ENGINEERING, 'nobody@acme.test', tokens.admin)),
        404,
        'NotFound',
        'Failed to find user with username nobody@acme.test',
      );
      expectEnvelope(
        await refused(() => remove(ENGINEERING, 'mallory@globex.test', tokens.admin)),
        404,
        'NotFound',
        'Failed to find user with username mallory@globex.test',
      );
    });

    it('8. 404 for a user of the organization who is not a member', async () => {
      expectEnvelope(
        await refused(() => remove(ENGINEERING, 'bob@acme.test', tokens.admin)),
        404,
        'NotFound',
        'User bob@acme.test is not part of the group engineering',
      );
    });
  });

  describe('success', () => {
    it('removes the member, found case-insensitively with trimmed parameters, and answers the stored user', async () => {
      const response = await remove(`%20${ENGINEERING.toUpperCase()}%20`, '%20ALICE@acme.TEST%20', tokens.admin).expect(200);
      expect(seedValidator(200)(response.body)).toBe(true);
      const [alice] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'Alice@Acme.test'");
      expect(response.body).toStrictEqual({ id: alice.id, username: 'Alice@Acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' });
      expect(await memberships()).not.toContain(`${ENGINEERING}/Alice@Acme.test`);
      expect(await memberships()).toContain(`${SUPPORT}/Alice@Acme.test`);
    });

    it('writes the audit entry with the actor and the reqId', async () => {
      const response = await remove(SUPPORT, 'Alice@Acme.test', tokens.admin).set('User-Agent', 'e2e-agent').expect(200);
      const rows = await t.database.query<Record<string, unknown>>('SELECT * FROM audit_logs WHERE req_id = $1', [response.headers['x-request-id']]);
      expect(rows).toHaveLength(1);
      const [admin] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
      const [acme] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'acme'");
      const metadata = typeof rows[0].metadata === 'string' ? JSON.parse(rows[0].metadata) : rows[0].metadata;
      expect(metadata).toEqual({ groupId: SUPPORT, groupName: 'Support', userId: response.body.id, username: 'Alice@Acme.test' });
      expect(rows[0]).toMatchObject({
        event_type: 'remove-user-from-group',
        actor_user_id: admin.id,
        actor_username: 'admin@acme.test',
        org_id: acme.id,
        user_agent: 'e2e-agent',
      });
    });

    it('answers nullable fields as null', async () => {
      const response = await remove(SUPPORT, 'bob@acme.test', tokens.admin).expect(200);
      expect(response.body).toStrictEqual({ id: expect.any(String), username: 'bob@acme.test', email: null, firstName: null, lastName: null });
    });

    it('lets a custom role with edit and remove-members remove, even itself', async () => {
      await remove(ENGINEERING, 'remover@acme.test', tokens.remover).expect(200);
    });

    it('grants what the roles of the actor’s groups grant', async () => {
      await t.database.execute(
        "INSERT INTO group_memberships (id, group_id, user_id, created_at) SELECT 'aaaaaaaa-0000-4000-8000-000000000001', $1, id, $2 FROM users WHERE username = 'bob@acme.test'",
        [ENGINEERING, new Date().toISOString()],
      );
      await remove(ENGINEERING, 'bob@acme.test', tokens.lead).expect(200);
    });

    it('gives a second identical request the not-a-member 404', async () => {
      expectEnvelope(await remove(ENGINEERING, 'Alice@Acme.test', tokens.admin), 404, 'NotFound', 'User Alice@Acme.test is not part of the group engineering');
    });
  });

  it('lets exactly one of 20 concurrent identical removals succeed', async () => {
    const before = await auditCount();
    const responses = await Promise.all(Array.from({ length: 20 }, () => remove(ENGINEERING, 'carol@acme.test', tokens.admin)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(404)]);
    for (const response of responses.filter((r) => r.status === 404)) {
      expectEnvelope(response, 404, 'NotFound', 'User carol@acme.test is not part of the group engineering');
    }
    expect(await auditCount()).toBe(before + 1);
  });

  it('settles concurrent removals of several members of one group each on its own: its answer, its audit entry, one version move', async () => {
    const usernames = ['member@acme.test', 'noaccess@acme.test', 'editor@acme.test'];
    for (const [index, username] of usernames.entries()) {
      await t.database.execute(`INSERT INTO group_memberships (id, group_id, user_id, created_at) SELECT $1, $2, id, $3 FROM users WHERE username = $4`, [
        `aaaaaaaa-0000-4000-8000-00000000001${index}`,
        SUPPORT,
        new Date().toISOString(),
        username,
      ]);
    }
    const version = async () =>
      Number((await t.database.query<{ version: number | string }>('SELECT version FROM groups WHERE id = $1', [SUPPORT]))[0].version);
    const [versionBefore, auditBefore] = [await version(), await auditCount()];
    // Each removal asked twice at once: one of each pair removes, the other finds no membership.
    const responses = await Promise.all([...usernames, ...usernames].map((username) => remove(SUPPORT, username, tokens.admin)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 404, 404, 404]);
    expect(responses.filter((response) => response.status === 200).map((response) => response.body.username as string)).toEqual(
      expect.arrayContaining(usernames),
    );
    expect(await version()).toBe(versionBefore + 3);
    expect(await auditCount()).toBe(auditBefore + 3);
    const entries = await t.database.query<{ req_id: string; metadata: unknown }>(
      "SELECT req_id, metadata FROM audit_logs WHERE event_type = 'remove-user-from-group' ORDER BY created_at DESC LIMIT 3",
    );
    const answered = responses.filter((response) => response.status === 200);
    expect(entries.map((entry) => entry.req_id).sort()).toEqual(answered.map((response) => response.headers['x-request-id']).sort());
    for (const response of answered) {
      const entry = entries.find((candidate) => candidate.req_id === response.headers['x-request-id'])!;
      const metadata = (typeof entry.metadata === 'string' ? JSON.parse(entry.metadata) : entry.metadata) as { username: string };
      expect(metadata.username).toBe(response.body.username);
    }
  });

  it('settles a concurrent removal and addition of one membership in some order, each answer as that order gives it', async () => {
    const add = () => request(t.server).post(`/api/v1/groups/${SUPPORT}/users/member@acme.test`).set('Authorization', `Bearer ${tokens.admin}`);
    const version = async () =>
      Number((await t.database.query<{ version: number | string }>('SELECT version FROM groups WHERE id = $1', [SUPPORT]))[0].version);
    await add().expect(200);
    const [versionBefore, auditBefore] = [await version(), await auditCount()];
    const [removed, added] = await Promise.all([remove(SUPPORT, 'member@acme.test', tokens.admin), add()]);
    const member = (await memberships()).includes(`${SUPPORT}/member@acme.test`);
    // Removed then added: both 200 and a member again; added (already a member) then removed: 400, 200, no member.
    expect([removed.status, added.status, member]).toEqual(added.status === 200 ? [200, 200, true] : [200, 400, false]);
    const changes = added.status === 200 ? 2 : 1;
    expect([await version(), await auditCount()]).toEqual([versionBefore + changes, auditBefore + changes]);
    if (member) await remove(SUPPORT, 'member@acme.test', tokens.admin).expect(200);
  });

  it('writes nothing when the audit entry cannot be written', async () => {
    await t.database.execute(
      "INSERT INTO group_memberships (id, group_id, user_id, created_at) SELECT 'aaaaaaaa-0000-4000-8000-000000000002', $1, id, $2 FROM users WHERE username = 'carol@acme.test'",
      [ENGINEERING, new Date().toISOString()],
    );
    await failAuditInserts(t, true);
    try {
      const response = await remove(ENGINEERING, 'carol@acme.test', tokens.admin);
      expectEnvelope(response, 500, 'InternalServerError', 'Something went wrong');
      expect(JSON.stringify(response.body)).not.toMatch(/audit|refused|sql/i);
    } finally {
      await failAuditInserts(t, false);
    }
    expect(await memberships()).toContain(`${ENGINEERING}/carol@acme.test`);
    await remove(ENGINEERING, 'carol@acme.test', tokens.admin).expect(200);
  });

  it('never answers 5xx to hostile path parameters, always in the envelope, and changes nothing', async () => {
    const before = [await memberships(), await auditCount()];
    const segment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('/', '%2F', '..', "'", '"', '%00', '\u0000', '%', '%ZZ', '%C0%AF', '\u202e', '😀', 'ａｌｉｃｅ', ' ', '\\', '?', '#'),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(segment, segment, fc.boolean(), fc.boolean(), async (id, username, encodeId, encodeUsername) => {
        let response: request.Response;
        try {
          const path = `/api/v1/groups/${encodeId ? encodeURIComponent(id) : id}/users/${encodeUsername ? encodeURIComponent(username) : username}`;
          response = await request(t.server).delete(path).set('Authorization', `Bearer ${tokens.admin}`);
        } catch (error) {
          // A path that no HTTP client can send (a lone surrogate, a raw control character) is not a request.
          if (error instanceof URIError || /^ERR_(UNESCAPED_CHARACTERS|INVALID_CHAR)$/.test(String((error as { code?: unknown }).code))) return;
          throw error;
        }
        expect(response.status).toBeLessThan(500);
        expect(response.status).not.toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(['error', 'message', 'reqId', 'statusCode']);
        expect(response.body.reqId).toBe(response.headers['x-request-id']);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    expect([await memberships(), await auditCount()]).toEqual(before);
  }, 60_000);
});

/** Makes every insert into audit_logs fail, as a broken audit table would, or stops doing so. */
async function failAuditInserts(t: TestApp, fail: boolean): Promise<void> {
  if (t.database.dialect === 'sqlite') {
    await t.database.execute(
      fail ? "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit refused'); END" : 'DROP TRIGGER refuse_audit',
    );
    return;
  }
  if (fail) {
    await t.database.execute("CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql");
    await t.database.execute('CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit()');
  } else {
    await t.database.execute('DROP TRIGGER refuse_audit ON audit_logs');
    await t.database.execute('DROP FUNCTION refuse_audit()');
  }
}
