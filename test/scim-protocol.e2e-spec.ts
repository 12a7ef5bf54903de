import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { createScimToken, expectScimError, GROUP_URN, patchOf, SCIM, type ScimClient, scimClient, USER_URN } from './helpers/scim';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN = 'token-admin-0123456789abcdef';
const GLOBEX_ADMIN = 'token-globex-0123456789abcdef';

const fixture = {
  organizations: [
    { slug: 'acme', name: 'Acme Inc' },
    { slug: 'globex', name: 'Globex' },
  ],
  users: [{ username: 'admin@acme.test' }, { username: 'admin@globex.test' }, { username: 'both@example.test', firstName: 'Bo', email: 'both@example.test' }],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'globex', username: 'admin@globex.test', role: 'admin' },
    { organization: 'acme', username: 'both@example.test' },
    { organization: 'globex', username: 'both@example.test' },
  ],
  groups: [{ organization: 'globex', name: 'Globex secret', members: ['admin@globex.test'] }],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'e2e', token: ADMIN },
    { organization: 'globex', username: 'admin@globex.test', name: 'e2e', token: GLOBEX_ADMIN },
  ],
};

describe.each(DATABASE_KINDS)('SCIM protocol rules (%s)', (kind) => {
  let t: TestApp;
  let acme: ScimClient;
  let globex: ScimClient;
  let acmeToken: { scimToken: string; id: string };
  let globexGroupId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    acmeToken = await createScimToken(t, ADMIN, 'Okta');
    acme = scimClient(t, acmeToken.scimToken);
    globex = scimClient(t, (await createScimToken(t, GLOBEX_ADMIN)).scimToken);
    [{ id: globexGroupId }] = await t.database.query<{ id: string }>("SELECT id FROM groups WHERE name = 'Globex secret'");
  });
  afterAll(() => t.close());

  describe('authentication', () => {
    it('answers 401 in the SCIM error schema without a SCIM token, on every kind of route', async () => {
      for (const path of ['/Users', '/Groups', '/ServiceProviderConfig', '/Schemas', `/Users/${globexGroupId}`, '/Bulk']) {
        expectScimError(await request(t.server).get(`${SCIM}${path}`), 401);
        expectScimError(await request(t.server).get(`${SCIM}${path}`).set('Authorization', 'Basic abc'), 401);
        expectScimError(await request(t.server).get(`${SCIM}${path}`).set('Authorization', 'Bearer scim_unknown-token-value-0123456789'), 401);
        // A user's token opens the regular API only.
        expectScimError(await request(t.server).get(`${SCIM}${path}`).set('Authorization', `Bearer ${ADMIN}`), 401);
      }
    });

    it('refuses a deleted or expired SCIM token at once', async () => {
      const doomed = await createScimToken(t, ADMIN, 'doomed');
      await scimClient(t, doomed.scimToken).get('/Users').expect(200);
      await request(t.server).delete(`/api/v1/scim/scim-tokens/${doomed.id}`).set('Authorization', `Bearer ${ADMIN}`).expect(200);
      expectScimError(await scimClient(t, doomed.scimToken).get('/Users'), 401);

      const expiring = await createScimToken(t, ADMIN, 'expiring');
      await t.database.execute('UPDATE scim_tokens SET expires_at = $1 WHERE id = $2', [new Date(Date.now() - 1000).toISOString(), expiring.id]);
      expectScimError(await scimClient(t, expiring.scimToken).get('/Users'), 401);
    });

    it('survives the removal of the admin who created it: the token belongs to the organization', async () => {
      const { id: adminId } = (await acme.get('/Users?filter=' + encodeURIComponent('userName eq "admin@acme.test"')).expect(200)).body.Resources[0];
      const other = await createScimToken(t, ADMIN, 'survivor');
      await acme.patch(`/Users/${adminId}`, patchOf({ op: 'replace', path: 'active', value: false })).expect(200);
      await scimClient(t, other.scimToken).get('/Users').expect(200);
      await acme.patch(`/Users/${adminId}`, patchOf({ op: 'replace', path: 'active', value: true })).expect(200);
    });

    it('never writes a SCIM token into a log line', async () => {
      expect(JSON.stringify(t.logLines)).not.toContain(acmeToken.scimToken);
      expect(JSON.stringify(t.logLines)).not.toContain(acmeToken.scimToken.slice(5));
    });
  });

  describe('routes, methods and media types', () => {
    it('answers every SCIM route in application/scim+json with X-Request-Id', async () => {
      for (const path of ['/Users', '/Groups', '/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) {
        const response = await acme.get(path).expect(200);
        expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
        expect(response.headers['x-request-id']).toMatch(/^req-[A-Za-z0-9]{14}$/);
      }
    });

    it('answers 404 for an unknown path and 405 with Allow for a method a path does not serve, whatever the token', async () => {
      for (const client of [acme, scimClient(t, 'not-a-token-at-all')]) {
        expectScimError(await client.get('/Nope'), 404);
        expectScimError(await client.get('/Users/x/y'), 404);
        const users = await client.put('/Users', {});
        expectScimError(users, 405);
        expect(users.headers.allow).toBe('GET, POST');
        const user = await client.post(`/Users/${globexGroupId}`, {});
        expectScimError(user, 405);
        expect(user.headers.allow).toBe('GET, PUT, PATCH, DELETE');
        const config = await client.delete('/ServiceProviderConfig');
        expectScimError(config, 405);
        expect(config.headers.allow).toBe('GET');
      }
      expectScimError(await request(t.server).get(SCIM), 404);
    });

    it('answers 501 on the endpoints it does not offer, with any method', async () => {
      for (const path of ['/Bulk', '/Me', '/.search', '/Users/.search', '/Groups/.search']) {
        expectScimError(await acme.get(path), 501);
        expectScimError(await acme.post(path, {}), 501);
      }
    });

    it('refuses another media type with 415, malformed JSON and non-objects with 400 invalidSyntax, and bodies over 1 MiB with 413', async () => {
      const post = (contentType: string, body: string) =>
        request(t.server).post(`${SCIM}/Users`).set('Authorization', `Bearer ${acmeToken.scimToken}`).set('Content-Type', contentType).send(body);
      expectScimError(await post('text/plain', '{"userName":"x@acme.test"}'), 415);
      expectScimError(await post('application/x-www-form-urlencoded', 'userName=x'), 415);
      expectScimError(await post('application/scim+json', '{"userName":'), 400, 'invalidSyntax');
      expectScimError(await post('application/scim+json', '[1, 2]'), 400, 'invalidSyntax');
      expectScimError(await post('application/json', '"text"'), 400, 'invalidSyntax');
      expectScimError(await post('application/scim+json', '['.repeat(40) + ']'.repeat(40)), 400, 'invalidSyntax');
      const big = JSON.stringify({ userName: 'big@acme.test', title: 'x'.repeat(1024 * 1024) });
      expectScimError(await post('application/scim+json', big), 413);
      // 1 MiB is the SCIM limit; the regular API keeps 100 kB.
      const large = JSON.stringify({ userName: 'large@acme.test', title: 'x'.repeat(200 * 1024) });
      expect((await post('application/json; charset=utf-8', large)).status).toBe(201);
      expect(await t.database.query("SELECT 1 FROM users WHERE username IN ('x@acme.test', 'big@acme.test')")).toEqual([]);
    });

    it("ignores unknown query parameters, such as Entra's aadOptscim062020", async () => {
      await acme.get('/Users?aadOptscim062020&foo=bar').expect(200);
    });
  });

  describe('discovery', () => {
    it('describes what is supported', async () => {
      const { body } = await acme.get('/ServiceProviderConfig').expect(200);
      expect(body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 100 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: true },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });
    });

    it('lists the two resource types and the two schemas, each by id, and 404 for others', async () => {
      const types = (await acme.get('/ResourceTypes').expect(200)).body;
      expect(types).toMatchObject({ totalResults: 2, itemsPerPage: 2, startIndex: 1 });
      expect(types.Resources.map((type: object) => ({ ...type, schemas: undefined, meta: undefined, description: undefined }))).toEqual([
        { id: 'User', name: 'User', endpoint: '/Users', schema: USER_URN },
        { id: 'Group', name: 'Group', endpoint: '/Groups', schema: GROUP_URN },
      ]);
      expect((await acme.get('/ResourceTypes/Group').expect(200)).body).toMatchObject({ id: 'Group', endpoint: '/Groups' });
      expectScimError(await acme.get('/ResourceTypes/Device'), 404);

      const schemas = (await acme.get('/Schemas').expect(200)).body;
      expect(schemas.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER_URN, GROUP_URN]);
      const user = (await acme.get(`/Schemas/${USER_URN}`).expect(200)).body;
      expect(user.attributes.find((attribute: { name: string }) => attribute.name === 'userName')).toMatchObject({
        required: true,
        uniqueness: 'server',
        caseExact: false,
      });
      const group = (await acme.get(`/Schemas/${GROUP_URN}`).expect(200)).body;
      expect(group.attributes.find((attribute: { name: string }) => attribute.name === 'displayName')).toMatchObject({ required: true, uniqueness: 'server' });
      const members = group.attributes.find((attribute: { name: string }) => attribute.name === 'members');
      expect(members.subAttributes.map((attribute: { name: string }) => attribute.name)).toEqual(['value', 'display', '$ref', 'type']);
      expectScimError(await acme.get('/Schemas/urn:nope'), 404);
    });
  });

  describe('versions, conditional requests and attribute selection', () => {
    let groupId: string;
    beforeAll(async () => {
      groupId = (await acme.post('/Groups', { displayName: 'Versioned' }).expect(201)).body.id;
    });

    it('sends the version as ETag, answers 304 to If-None-Match of it, and 412 to a stale If-Match, changing nothing', async () => {
      const first = await acme.get(`/Groups/${groupId}`).expect(200);
      expect(first.headers.etag).toBe('W/"1"');
      expect(first.body.meta.version).toBe('W/"1"');
      const unchanged = await acme.get(`/Groups/${groupId}`, { 'If-None-Match': 'W/"1"' });
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      await acme.get(`/Groups/${groupId}`, { 'If-None-Match': 'W/"7"' }).expect(200);

      const renamed = await acme
        .patch(`/Groups/${groupId}`, patchOf({ op: 'replace', path: 'displayName', value: 'Versioned 2' }), { 'If-Match': '"1"' })
        .expect(200);
      expect(renamed.headers.etag).toBe('W/"2"');
      expect(renamed.body.meta.lastModified > renamed.body.meta.created).toBe(true);
      // The answer is the group as the change left it: what a read finds next (each request has a server of its own, hence a location of its own).
      const sansLocation = ({ meta: { location: _location, ...meta }, ...group }: { meta: Record<string, unknown> }) => ({ ...group, meta });
      expect(sansLocation((await acme.get(`/Groups/${groupId}`).expect(200)).body)).toEqual(sansLocation(renamed.body));
      const before = await databaseDigest(t);
      expect((await acme.patch(`/Groups/${groupId}`, patchOf({ op: 'replace', path: 'displayName', value: 'Stale' }), { 'If-Match': 'W/"1"' })).status).toBe(
        412,
      );
      expect((await acme.put(`/Groups/${groupId}`, { displayName: 'Stale' }, { 'If-Match': 'W/"1"' })).status).toBe(412);
      expect((await acme.delete(`/Groups/${groupId}`, { 'If-Match': 'W/"1"' })).status).toBe(412);
      expect(await databaseDigest(t)).toBe(before);
      await acme.put(`/Groups/${groupId}`, { displayName: 'Versioned 3' }, { 'If-Match': '*' }).expect(200);
    });

    it('leaves version, lastModified and the audit log alone on a request that changes nothing', async () => {
      const user = (await acme.post('/Users', { userName: 'noop@acme.test', externalId: 'n1' }).expect(201)).body;
      await acme.patch(`/Groups/${groupId}`, patchOf({ op: 'add', path: 'members', value: [{ value: user.id }] })).expect(200);
      const group = (await acme.get(`/Groups/${groupId}`).expect(200)).body;
      const before = await databaseDigest(t);
      const noops = [
        acme.patch(`/Groups/${groupId}`, patchOf({ op: 'add', path: 'members', value: [{ value: user.id }] })),
        acme.patch(`/Groups/${groupId}`, patchOf({ op: 'remove', path: 'members[value eq "5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293"]' })),
        acme.patch(`/Groups/${groupId}`, patchOf({ op: 'replace', value: { id: groupId, displayName: group.displayName } })),
        acme.put(`/Groups/${groupId}`, { displayName: group.displayName, members: [{ value: user.id }] }),
        acme.patch(`/Users/${user.id}`, patchOf({ op: 'replace', path: 'active', value: 'True' }, { op: 'replace', path: 'externalId', value: 'n1' })),
        acme.put(`/Users/${user.id}`, { userName: 'noop@acme.test', externalId: 'n1' }),
      ];
      for (const noop of noops) expect((await noop).status).toBe(200);
      expect(await databaseDigest(t)).toBe(before);
      expect({ ...(await acme.get(`/Groups/${groupId}`).expect(200)).body.meta, location: undefined }).toEqual({ ...group.meta, location: undefined });
    });

    it('answers only id, schemas and the attributes asked for; excludes those excluded; attributes wins', async () => {
      const user = (
        await acme
          .post('/Users', { userName: 'attrs@acme.test', name: { givenName: 'At', familyName: 'Tr' }, emails: [{ value: 'attrs@acme.test' }] })
          .expect(201)
      ).body;
      const only = (
        await acme.get(`/Users/${user.id}?attributes=userName,name.givenName,urn:ietf:params:scim:schemas:core:2.0:User:meta.lastModified`).expect(200)
      ).body;
      expect(only).toEqual({
        schemas: [USER_URN],
        id: user.id,
        userName: 'attrs@acme.test',
        name: { givenName: 'At' },
        meta: { lastModified: user.meta.lastModified },
      });
      const excluded = (await acme.get(`/Users/${user.id}?excludedAttributes=groups,name.familyName,emails`).expect(200)).body;
      expect({ ...excluded, meta: undefined }).toEqual({
        ...user,
        groups: undefined,
        emails: undefined,
        name: { givenName: 'At', formatted: 'At Tr' },
        meta: undefined,
      });
      const both = (await acme.get(`/Users/${user.id}?attributes=userName&excludedAttributes=userName`).expect(200)).body;
      expect(both).toEqual({ schemas: [USER_URN], id: user.id, userName: 'attrs@acme.test' });
      const listed = (await acme.get(`/Groups?attributes=displayName&filter=${encodeURIComponent('displayName sw "Versioned"')}`).expect(200)).body;
      expect(listed.Resources).toEqual([{ schemas: [GROUP_URN], id: groupId, displayName: 'Versioned 3' }]);
      const created = await acme.post('/Groups?excludedAttributes=members,meta', { displayName: 'Selected' }).expect(201);
      expect(Object.keys(created.body).sort()).toEqual(['displayName', 'id', 'schemas']);
      expect(created.headers.location).toBe(`http://${new URL(created.request.url).host}${SCIM}/Groups/${created.body.id}`);
    });
  });

  describe('errors in the SCIM schema', () => {
    it('refuses bad filters, paging values and PATCH bodies with their scimType, writing nothing', async () => {
      const before = await databaseDigest(t);
      for (const filter of ['userName eq', 'userName xx "a"', 'password eq "x"', 'userName eq "a" and', '(userName eq "a"', 'x'.repeat(4097)]) {
        expectScimError(await acme.get(`/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
      }
      expectScimError(await acme.get('/Groups?filter=' + encodeURIComponent('members.display.x eq "a"')), 400, 'invalidFilter');
      expectScimError(await acme.get('/Users?startIndex=x'), 400, 'invalidValue');
      expectScimError(await acme.get('/Users?count=1.5'), 400, 'invalidValue');
      const group = (await acme.get('/Groups?count=1').expect(200)).body.Resources[0];
      const bad: [object, number, string | undefined][] = [
        [{}, 400, 'invalidSyntax'],
        [{ Operations: [] }, 400, 'invalidSyntax'],
        [{ Operations: Array.from({ length: 1001 }, () => ({ op: 'add', path: 'externalId', value: 'x' })) }, 400, 'invalidSyntax'],
        [patchOf({ op: 'move', path: 'displayName', value: 'x' }), 400, 'invalidSyntax'],
        [patchOf({ op: 'remove' }), 400, 'noTarget'],
        [patchOf({ op: 'replace', path: 'id', value: 'x' }), 400, 'mutability'],
        [patchOf({ op: 'replace', path: 'meta.created', value: 'x' }), 400, 'mutability'],
        [patchOf({ op: 'replace', path: 'title', value: 'x' }), 400, 'invalidPath'],
        [patchOf({ op: 'replace', path: 'members[value eq "x"]', value: [] }), 400, 'invalidPath'],
        [patchOf({ op: 'add', path: '__proto__', value: { polluted: true } }), 400, 'invalidPath'],
        [patchOf({ op: 'add', path: 'members.constructor', value: 'x' }), 400, 'invalidPath'],
        [patchOf({ op: 'replace', value: JSON.parse('{"__proto__": {"polluted": true}}') }), 400, 'invalidPath'],
        [patchOf({ op: 'remove', path: 'displayName' }), 400, 'invalidValue'],
        [patchOf({ op: 'replace', path: 'displayName', value: 'x'.repeat(256) }), 400, 'invalidValue'],
        [patchOf({ op: 'replace', path: 'displayName', value: 7 }), 400, 'invalidValue'],
        [patchOf({ op: 'add', path: 'members', value: [{ value: 5 }] }), 400, 'invalidValue'],
        // All or nothing: the valid first operation is not applied either.
        [patchOf({ op: 'replace', path: 'displayName', value: 'Renamed' }, { op: 'replace', path: 'displayName', value: 'bad\u0007' }), 400, 'invalidValue'],
      ];
      for (const [body, status, scimType] of bad) expectScimError(await acme.patch(`/Groups/${group.id}`, body), status, scimType);
      expectScimError(await acme.post('/Users', { name: { givenName: 'No' } }), 400, 'invalidValue');
      expectScimError(await acme.post('/Users', { userName: '  ' }), 400, 'invalidValue');
      expectScimError(await acme.post('/Groups', { displayName: '' }), 400, 'invalidValue');
      expectScimError(await acme.put(`/Groups/${group.id}`, { members: [] }), 400, 'invalidValue');
      expectScimError(await acme.patch(`/Users/${group.id}`, patchOf({ op: 'remove', path: 'userName' })), 404);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await databaseDigest(t)).toBe(before);
    });

    it('answers 409 uniqueness for a taken userName or displayName, in any case', async () => {
      await acme.post('/Groups', { displayName: 'Unique' }).expect(201);
      expectScimError(await acme.post('/Groups', { displayName: 'UNIQUE' }), 409, 'uniqueness');
      const other = (await acme.post('/Groups', { displayName: 'Other' }).expect(201)).body;
      expectScimError(await acme.patch(`/Groups/${other.id}`, patchOf({ op: 'replace', path: 'displayName', value: 'unique' })), 409, 'uniqueness');
      await acme.post('/Users', { userName: 'taken@acme.test' }).expect(201);
      expectScimError(await acme.post('/Users', { userName: 'TAKEN@acme.test' }), 409, 'uniqueness');
    });
  });

  describe('isolation between organizations', () => {
    it('never shows or changes the other organization, which answers 404 by id', async () => {
      const acmeUsers = (await acme.get('/Users').expect(200)).body.Resources.map((user: { userName: string }) => user.userName);
      expect(acmeUsers).not.toContain('admin@globex.test');
      expect((await acme.get('/Groups?filter=' + encodeURIComponent('displayName eq "Globex secret"')).expect(200)).body.totalResults).toBe(0);
      const globexRows = async () =>
        JSON.stringify([
          await t.database.query('SELECT * FROM groups WHERE id = $1', [globexGroupId]),
          await t.database.query('SELECT * FROM group_memberships WHERE group_id = $1 ORDER BY id', [globexGroupId]),
          await t.database.query("SELECT m.* FROM org_memberships m JOIN organizations o ON o.id = m.org_id WHERE o.slug = 'globex' ORDER BY m.id"),
        ]);
      const before = await globexRows();
      expectScimError(await acme.get(`/Groups/${globexGroupId}`), 404);
      expectScimError(await acme.patch(`/Groups/${globexGroupId}`, patchOf({ op: 'replace', path: 'displayName', value: 'Stolen' })), 404);
      expectScimError(await acme.put(`/Groups/${globexGroupId}`, { displayName: 'Stolen' }), 404);
      expectScimError(await acme.delete(`/Groups/${globexGroupId}`), 404);
      const [{ id: globexAdminId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@globex.test'");
      expectScimError(await acme.get(`/Users/${globexAdminId}`), 404);
      expectScimError(await acme.delete(`/Users/${globexAdminId}`), 404);
      // Another organization's user given as a member is skipped.
      const mine = (await acme.post('/Groups', { displayName: 'Mine', members: [{ value: globexAdminId }] }).expect(201)).body;
      expect(mine.members).toEqual([]);
      expect(await globexRows()).toBe(before);
      expect((await globex.get(`/Groups/${globexGroupId}`).expect(200)).body.displayName).toBe('Globex secret');
    });

    it('deactivates and deletes a user of two organizations in one only', async () => {
      const both = (await acme.get('/Users?filter=' + encodeURIComponent('userName eq "both@example.test"')).expect(200)).body.Resources[0];
      // The profile belongs to the person, who is in another organization too: it is left as it is.
      const patched = (await acme.patch(`/Users/${both.id}`, patchOf({ op: 'replace', value: { 'name.givenName': 'Changed', active: false } })).expect(200))
        .body;
      expect(patched).toMatchObject({ name: { givenName: 'Bo' }, active: false });
      const inGlobex = (await globex.get(`/Users/${both.id}`).expect(200)).body;
      expect(inGlobex).toMatchObject({ active: true, name: { givenName: 'Bo' } });
      await acme.delete(`/Users/${both.id}`).expect(204);
      expectScimError(await acme.get(`/Users/${both.id}`), 404);
      await globex.get(`/Users/${both.id}`).expect(200);
    });
  });
});

describe.each(DATABASE_KINDS)('SCIM rate limits (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { RATE_LIMIT_READ_PER_MINUTE: '2', RATE_LIMIT_WRITE_PER_MINUTE: '100' });
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  it('answers 429 in the SCIM error schema with Retry-After, counted per SCIM token', async () => {
    const idp = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
    await idp.get('/Users').expect(200);
    await idp.get('/Groups').expect(200);
    const refused = await idp.get('/Users');
    expectScimError(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const other = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
    await other.get('/Users').expect(200);
  });
});

describe.each(DATABASE_KINDS)('a SCIM change whose audit entry cannot be written (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  it('answers 500 in the SCIM error schema, leaks nothing and writes nothing of the change', async () => {
    const idp = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
    const group = (await idp.post('/Groups', { displayName: 'Audited' }).expect(201)).body;
    const [{ id: adminId }] = await t.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin@acme.test'");
    if (kind === 'sqlite') {
      await t.database.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    } else {
      await t.database.execute("CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql");
      await t.database.execute('CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit()');
    }
    const before = await databaseDigest(t);
    const failed = await idp.patch(
      `/Groups/${group.id}`,
      patchOf({ op: 'add', path: 'members', value: [{ value: adminId }] }, { op: 'replace', path: 'displayName', value: 'Renamed' }),
    );
    expectScimError(failed, 500);
    expect(failed.body.detail).toBe('Something went wrong');
    const alone = await idp.patch(`/Groups/${group.id}`, patchOf({ op: 'add', path: 'members', value: [{ value: adminId }] }));
    expectScimError(alone, 500);
    expect(alone.body.detail).toBe('Something went wrong');
    expectScimError(await idp.post('/Users', { userName: 'never@acme.test' }), 500);
    expect(await databaseDigest(t)).toBe(before);
  });
});

describe.each(DATABASE_KINDS)('failed SCIM authentications (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '6' });
    await seed(t, fixture);
  });
  afterAll(() => t.close());

  it('count toward the IP limit like any other; then every SCIM route answers 429 with Retry-After in the SCIM error schema, whatever the token', async () => {
    const idp = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
    await idp.get('/Users').expect(200);
    const deleted = await createScimToken(t, ADMIN, 'deleted');
    await request(t.server).delete(`/api/v1/scim/scim-tokens/${deleted.id}`).set('Authorization', `Bearer ${ADMIN}`).expect(200);
    const expired = await createScimToken(t, ADMIN, 'expired');
    await t.database.execute('UPDATE scim_tokens SET expires_at = $1 WHERE id = $2', [new Date(Date.now() - 1000).toISOString(), expired.id]);

    // Missing, malformed, unknown, deleted, expired and regular tokens: six failures, each a 401.
    expectScimError(await request(t.server).get(`${SCIM}/Users`), 401);
    expectScimError(await request(t.server).get(`${SCIM}/Groups`).set('Authorization', 'Basic abc'), 401);
    expectScimError(await scimClient(t, 'scim_unknown-token-value-0123456789').get('/Users'), 401);
    expectScimError(await scimClient(t, deleted.scimToken).get('/Users'), 401);
    expectScimError(await scimClient(t, expired.scimToken).get('/ServiceProviderConfig'), 401);
    expectScimError(await scimClient(t, ADMIN).get('/Groups'), 401);

    const usersBefore = await t.database.query('SELECT id FROM users ORDER BY id');
    for (const blocked of [
      idp.get('/Users'),
      idp.post('/Users', { schemas: [USER_URN], userName: 'blocked@acme.test' }),
      idp.get('/ServiceProviderConfig'),
      request(t.server).get(`${SCIM}/Groups`),
      scimClient(t, 'scim_unknown-token-value-0123456789').get('/Users'),
    ]) {
      const response = await blocked;
      expectScimError(response, 429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The block is the IP's: the regular API refuses it too, in its envelope, and nothing blocked was done.
    const regular = await request(t.server).get('/api/v1/groups').set('Authorization', `Bearer ${ADMIN}`);
    expect(regular.status).toBe(429);
    expect(regular.body).toMatchObject({ error: 'RateLimitExceeded' });
    expect(await t.database.query('SELECT id FROM users ORDER BY id')).toEqual(usersBefore);
  });
});
