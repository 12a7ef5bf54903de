import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { expectEnvelope } from './helpers/envelope';
import { identityCalls } from './helpers/identities';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const MISSING = '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293';
const OPEN_IPS = [
  { ipAddress: '0.0.0.0', prefix: 0, type: 'ipv4' },
  { ipAddress: '::', prefix: 0, type: 'ipv6' },
];
const tokens = {
  admin: 'token-admin-0123456789abcdef',
  member: 'token-member-0123456789abcdef',
  manager: 'token-manager-0123456789abcdef',
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
      slug: 'identity-manager',
      name: 'Identity manager: every plain action, no boundary action',
      permissions: ['read', 'create', 'edit', 'delete'].map((action) => ({ subject: 'identity', action })),
    },
  ],
  users: [{ username: 'admin@acme.test' }, { username: 'member@acme.test' }, { username: 'manager@acme.test' }, { username: 'boss@globex.test' }],
  memberships: [
    { organization: 'acme', username: 'admin@acme.test', role: 'admin' },
    { organization: 'acme', username: 'member@acme.test', role: 'member' },
    { organization: 'acme', username: 'manager@acme.test', role: 'identity-manager' },
    { organization: 'globex', username: 'boss@globex.test', role: 'admin' },
  ],
  tokens: [
    { organization: 'acme', username: 'admin@acme.test', name: 'admin', token: tokens.admin },
    { organization: 'acme', username: 'member@acme.test', name: 'member', token: tokens.member },
    { organization: 'acme', username: 'manager@acme.test', name: 'manager', token: tokens.manager },
    { organization: 'globex', username: 'boss@globex.test', name: 'boss', token: tokens.globex },
  ],
};

describe.each(DATABASE_KINDS)('Universal Auth on %s', (kind) => {
  let t: TestApp;
  let calls: ReturnType<typeof identityCalls>;
  /** Every secret and token value the suite was given, to look for in the log at the end. */
  const issued: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'trace' });
    await seed(t, fixture);
    calls = identityCalls(t);
  });
  afterAll(() => t.close());

  const ua = (identityId: string, suffix = '') => `/api/v1/auth/universal-auth/identities/${identityId}${suffix}`;
  const as = (token: string, call: request.Test) => call.set('Authorization', `Bearer ${token}`);
  const login = (body: Record<string, unknown>) => request(t.server).post('/api/v1/auth/universal-auth/login').send(body);
  const revokeToken = (accessToken: unknown) => request(t.server).post('/api/v1/auth/token/revoke').send({ accessToken });
  const keep = <T extends { clientSecret?: string; accessToken?: string }>(value: T): T => {
    if (value.clientSecret) issued.push(value.clientSecret);
    if (value.accessToken) issued.push(value.accessToken);
    return value;
  };

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
    expect(response.status).toBe(200);
    return response.body.auditLogs as { event: { metadata: Record<string, unknown> }; actor: { type: string; metadata: Record<string, unknown> } }[];
  }

  describe('the configuration', () => {
    it('attaches with the defaults, reads, updates and detaches, each with its audit entry', async () => {
      const identity = await calls.create(tokens.admin, { name: 'config' });
      const attached = await as(tokens.admin, request(t.server).post(ua(identity.id))).send({
        clientSecretTrustedIps: [{ ipAddress: '0.0.0.0/0' }],
        identityId: identity.id,
      });
      expect(attached.status).toBe(200);
      const config = attached.body.identityUniversalAuth;
      expect(attached.body).toEqual({
        identityUniversalAuth: {
          id: expect.any(String),
          identityId: identity.id,
          clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          accessTokenTTL: 2592000,
          accessTokenMaxTTL: 2592000,
          accessTokenNumUsesLimit: 0,
          clientSecretTrustedIps: OPEN_IPS,
          accessTokenTrustedIps: OPEN_IPS,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      });
      expect((await as(tokens.member, request(t.server).get(`/api/v1/identities/${identity.id}`))).body.identity.identity.authMethods).toEqual([
        'universal-auth',
      ]);
      expect((await as(tokens.member, request(t.server).get(ua(identity.id)))).body).toEqual(attached.body);

      const updated = await as(tokens.manager, request(t.server).patch(ua(identity.id))).send({ accessTokenTTL: 60, accessTokenNumUsesLimit: 5 });
      expect(updated.status).toBe(200);
      expect(updated.body.identityUniversalAuth).toEqual(
        expect.objectContaining({ clientId: config.clientId, accessTokenTTL: 60, accessTokenMaxTTL: 2592000, accessTokenNumUsesLimit: 5 }),
      );
      const [updateEntry] = await auditEntries('update-identity-universal-auth');
      expect(updateEntry.event.metadata).toEqual({ identityId: identity.id, accessTokenTTL: 60, accessTokenMaxTTL: 2592000, accessTokenNumUsesLimit: 5 });
      expect((await auditEntries('add-identity-universal-auth'))[0].event.metadata).toEqual({
        identityId: identity.id,
        accessTokenTTL: 2592000,
        accessTokenMaxTTL: 2592000,
        accessTokenNumUsesLimit: 0,
      });

      const detached = await as(tokens.admin, request(t.server).delete(ua(identity.id)));
      expect(detached.status).toBe(200);
      expect(detached.body.identityUniversalAuth).toEqual(updated.body.identityUniversalAuth);
      expect((await auditEntries('revoke-identity-universal-auth'))[0].event.metadata).toEqual({ identityId: identity.id });
      expect((await as(tokens.admin, request(t.server).get(`/api/v1/identities/${identity.id}`))).body.identity.identity.authMethods).toEqual([]);
      const again = await as(tokens.admin, request(t.server).post(ua(identity.id))).send({});
      expect(again.status).toBe(200);
      expect(again.body.identityUniversalAuth.clientId).not.toBe(config.clientId);
    });

    it('checks attach in order: token, input, permission, identity, already attached, trusted IPs', async () => {
      const identity = await calls.create(tokens.admin, { name: 'attach-checks' });
      const globexIdentity = await calls.create(tokens.globex, { name: 'globex-attach' });
      const attach = (token: string | null, id: string, body: object) => {
        const call = request(t.server).post(ua(id)).send(body);
        return token === null ? call : as(token, call);
      };
      await refused(() => attach(null, 'bad', {}), 401, 'UnauthorizedError');
      await refused(() => attach(tokens.member, identity.id, { accessTokenTTL: 10, accessTokenMaxTTL: 5 }), 422, 'ValidationFailure', [
        { code: 'notAboveMaxTtl', message: 'Access Token TTL cannot be greater than Access Token Max TTL.', path: ['accessTokenTTL'] },
      ]);
      // The default max applies when only the TTL is given, and the default TTL when only the max is.
      await refused(() => attach(tokens.member, identity.id, { accessTokenTTL: 2592001 }), 422, 'ValidationFailure');
      await refused(() => attach(tokens.member, identity.id, { accessTokenMaxTTL: 60 }), 422, 'ValidationFailure');
      for (const body of [
        { accessTokenTTL: -1 },
        { accessTokenNumUsesLimit: 2147483648 },
        { accessTokenTTL: 1.5 },
        { clientSecretTrustedIps: [] },
        { accessTokenTrustedIps: [{}] },
        { identityId: MISSING },
        { extra: 1 },
      ]) {
        await refused(() => attach(tokens.member, identity.id, body), 422, 'ValidationFailure');
      }
      await refused(() => attach(tokens.admin, 'not-a-uuid', {}), 422, 'ValidationFailure', [
        { code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] },
      ]);
      await refused(() => attach(tokens.member, MISSING, {}), 403, 'PermissionDenied', 'You are not allowed to create on identity');
      for (const id of [MISSING, globexIdentity.id]) {
        await refused(
          () => attach(tokens.admin, id, { clientSecretTrustedIps: [{ ipAddress: '10.0.0.0/8' }] }),
          404,
          'NotFound',
          `Failed to find identity with ID ${id}`,
        );
      }
      await refused(
        () => attach(tokens.admin, identity.id, { accessTokenTrustedIps: [{ ipAddress: '10.0.0.0/8' }] }),
        400,
        'BadRequest',
        'IP restrictions are not supported: trusted IPs must be 0.0.0.0/0 or ::/0',
      );
      expect((await attach(tokens.admin, identity.id, { accessTokenTrustedIps: [{ ipAddress: '::/0' }] })).status).toBe(200);
      await refused(
        () => attach(tokens.admin, identity.id, { accessTokenTrustedIps: [{ ipAddress: '10.0.0.0/8' }] }),
        400,
        'BadRequest',
        'Failed to add universal auth to already configured identity',
      );
    });

    it('of concurrent attaches exactly one succeeds', async () => {
      const identity = await calls.create(tokens.admin, { name: 'attach-race' });
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => as(tokens.admin, request(t.server).post(ua(identity.id))).send({})))).map(
        (r) => r.status,
      );
      expect(statuses.sort()).toEqual([200, 400, 400, 400, 400, 400]);
      expect((await auditEntries('add-identity-universal-auth')).filter((entry) => entry.event.metadata.identityId === identity.id)).toHaveLength(1);
    });

    it('answers GET, PATCH and DELETE on an identity without it as the contract says', async () => {
      const identity = await calls.create(tokens.admin, { name: 'unattached' });
      await refused(
        () => as(tokens.admin, request(t.server).get(ua(identity.id))),
        404,
        'NotFound',
        `Failed to find universal auth for identity with ID ${identity.id}`,
      );
      await refused(
        () => as(tokens.admin, request(t.server).patch(ua(identity.id))).send({}),
        404,
        'NotFound',
        `Failed to find universal auth for identity with ID ${identity.id}`,
      );
      await refused(() => as(tokens.admin, request(t.server).delete(ua(identity.id))), 400, 'BadRequest', 'The identity does not have universal auth');
      for (const [method, suffix] of [
        ['post', '/client-secrets'],
        ['get', '/client-secrets'],
        ['get', `/client-secrets/${MISSING}`],
        ['post', `/client-secrets/${MISSING}/revoke`],
      ] as const) {
        await refused(
          () => as(tokens.admin, request(t.server)[method](ua(identity.id, suffix))),
          400,
          'BadRequest',
          'The identity does not have universal auth',
        );
      }
    });

    it('checks the TTLs of an update against the stored values', async () => {
      const identity = await calls.create(tokens.admin, { name: 'ttl-checks' });
      await calls.attach(tokens.admin, identity.id, { accessTokenTTL: 100, accessTokenMaxTTL: 200 });
      const patch = (body: object) => as(tokens.admin, request(t.server).patch(ua(identity.id))).send(body);
      await refused(() => patch({ accessTokenTTL: 300 }), 400, 'BadRequest', 'Access token TTL cannot be greater than max TTL');
      await refused(() => patch({ accessTokenMaxTTL: 50 }), 400, 'BadRequest', 'Access token TTL cannot be greater than max TTL');
      await refused(() => patch({ accessTokenTTL: 300, accessTokenMaxTTL: 250 }), 422, 'ValidationFailure');
      await refused(
        () => patch({ clientSecretTrustedIps: [{ ipAddress: '1.2.3.4' }] }),
        400,
        'BadRequest',
        'IP restrictions are not supported: trusted IPs must be 0.0.0.0/0 or ::/0',
      );
      await refused(
        () => as(tokens.member, request(t.server).patch(ua(identity.id))).send({}),
        403,
        'PermissionDenied',
        'You are not allowed to edit on identity',
      );
      expect((await patch({ accessTokenTTL: 300, accessTokenMaxTTL: 300 })).body.identityUniversalAuth.accessTokenTTL).toBe(300);
    });
  });

  describe('client secrets', () => {
    let identityId: string;
    beforeAll(async () => {
      identityId = (await calls.create(tokens.admin, { name: 'secrets' })).id;
      await calls.attach(tokens.admin, identityId);
    });

    it('are shown once, listed newest first without their values, read and revoked', async () => {
      const created = await as(tokens.admin, request(t.server).post(ua(identityId, '/client-secrets'))).send({
        description: 'first',
        numUsesLimit: 3,
        ttl: 600,
      });
      expect(created.status).toBe(200);
      keep(created.body);
      const { clientSecret, clientSecretData } = created.body;
      expect(clientSecret).toMatch(/^[0-9a-f]{64}$/);
      const [{ id: uaId }] = await t.database.query<{ id: string }>('SELECT id FROM identity_universal_auths WHERE identity_id = $1', [identityId]);
      expect(clientSecretData).toEqual({
        id: expect.any(String),
        identityUAId: uaId,
        description: 'first',
        clientSecretPrefix: clientSecret.slice(0, 4),
        clientSecretNumUses: 0,
        clientSecretNumUsesLimit: 3,
        clientSecretTTL: 600,
        isClientSecretRevoked: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const second = keep(await calls.secret(tokens.admin, identityId));
      const listed = await as(tokens.admin, request(t.server).get(ua(identityId, '/client-secrets')));
      expect(listed.body.clientSecretData.map((secret: { id: string }) => secret.id)).toEqual([second.id, clientSecretData.id]);
      expect(JSON.stringify(listed.body)).not.toContain(clientSecret);
      const read = await as(tokens.admin, request(t.server).get(ua(identityId, `/client-secrets/${clientSecretData.id}`)));
      expect(read.body).toEqual({ clientSecretData });
      const rows = await t.database.query<{ secret_hash: string }>('SELECT secret_hash FROM identity_client_secrets WHERE id = $1', [clientSecretData.id]);
      expect(rows[0].secret_hash).not.toContain(clientSecret);

      const revoked = await as(tokens.admin, request(t.server).post(ua(identityId, `/client-secrets/${clientSecretData.id}/revoke`))).send({
        identityId,
        clientSecretId: clientSecretData.id,
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body.clientSecretData).toEqual(expect.objectContaining({ id: clientSecretData.id, isClientSecretRevoked: true }));
      const message = `Failed to find client secret with ID ${clientSecretData.id}`;
      await refused(() => as(tokens.admin, request(t.server).post(ua(identityId, `/client-secrets/${clientSecretData.id}/revoke`))), 404, 'NotFound', message);
      await refused(() => as(tokens.admin, request(t.server).get(ua(identityId, `/client-secrets/${clientSecretData.id}`))), 404, 'NotFound', message);
      expect((await as(tokens.admin, request(t.server).get(ua(identityId, '/client-secrets')))).body.clientSecretData.map((s: { id: string }) => s.id)).toEqual(
        [second.id],
      );
      expect((await auditEntries('create-identity-universal-auth-client-secret'))[1].event.metadata).toEqual({
        identityId,
        clientSecretId: clientSecretData.id,
      });
      expect((await auditEntries('revoke-identity-universal-auth-client-secret'))[0].event.metadata).toEqual({
        identityId,
        clientSecretId: clientSecretData.id,
      });
      await refused(() => calls.login(created.body.clientSecretData.id, clientSecret), 401, 'UnauthorizedError', 'Invalid credentials');
    });

    it('refuse a caller without the boundary action, after the attached check', async () => {
      const secret = keep(await calls.secret(tokens.admin, identityId));
      const cases = [
        ['post', '/client-secrets', 'Failed to create client secret for identity. Actor is missing permission create-token on identity', 'create-token'],
        [
          'get',
          '/client-secrets',
          'Failed to get identity client secret with more privileged role. Actor is missing permission get-token on identity',
          'get-token',
        ],
        [
          'get',
          `/client-secrets/${secret.id}`,
          'Failed to read identity client secret of identity with more privileged role. Actor is missing permission get-token on identity',
          'get-token',
        ],
        [
          'post',
          `/client-secrets/${secret.id}/revoke`,
          'Failed to revoke identity client secret with more privileged role. Actor is missing permission delete-token on identity',
          'delete-token',
        ],
        [
          'delete',
          '',
          'Failed to revoke universal auth of identity with more privileged role. Actor is missing permission revoke-auth on identity',
          'revoke-auth',
        ],
      ] as const;
      for (const [method, suffix, message, action] of cases) {
        const response = await refused(() => as(tokens.manager, request(t.server)[method](ua(identityId, suffix))), 403, 'PermissionBoundaryError', message);
        expect(response.body.details).toEqual({ missingPermissions: [{ action, subject: 'identity' }] });
      }
      await refused(() => as(tokens.member, request(t.server).get(ua(identityId, '/client-secrets'))), 403, 'PermissionBoundaryError');
      await refused(
        () => as(tokens.member, request(t.server).post(ua(identityId, '/client-secrets'))),
        403,
        'PermissionDenied',
        'You are not allowed to create on identity',
      );
      await refused(
        () => as(tokens.admin, request(t.server).get(ua(identityId, `/client-secrets/${MISSING}`))),
        404,
        'NotFound',
        `Failed to find client secret with ID ${MISSING}`,
      );
      await refused(
        () => as(tokens.admin, request(t.server).post(ua(identityId, `/client-secrets/${secret.id}/revoke`))).send({ clientSecretId: MISSING }),
        422,
        'ValidationFailure',
      );
      for (const body of [{ description: 'x'.repeat(256) }, { numUsesLimit: -1 }, { ttl: 315360001 }, { ttl: '5' }]) {
        await refused(() => as(tokens.admin, request(t.server).post(ua(identityId, '/client-secrets'))).send(body), 422, 'ValidationFailure');
      }
    });

    it("another organization's identity and secrets answer 404", async () => {
      const globex = keep(await calls.identityWithToken(tokens.globex, 'globex-secrets'));
      for (const suffix of ['', '/client-secrets', `/client-secrets/${globex.clientSecretId}`]) {
        await refused(
          () => as(tokens.admin, request(t.server).get(ua(globex.identity.id, suffix))),
          404,
          'NotFound',
          `Failed to find identity with ID ${globex.identity.id}`,
        );
      }
      await refused(() => as(tokens.admin, request(t.server).post(ua(globex.identity.id, `/client-secrets/${globex.clientSecretId}/revoke`))), 404, 'NotFound');
      // A secret of another identity of one's own organization is not found under this one.
      await refused(() => as(tokens.admin, request(t.server).get(ua(identityId, `/client-secrets/${globex.clientSecretId}`))), 404, 'NotFound');
    });
  });

  describe('login', () => {
    it('issues a new opaque token per login, records the login, and writes its audit entry', async () => {
      const identity = await calls.create(tokens.admin, { name: 'logger-in', role: 'member' });
      const config = await calls.attach(tokens.admin, identity.id, { accessTokenTTL: 3600, accessTokenMaxTTL: 7200 });
      const secret = keep(await calls.secret(tokens.admin, identity.id));
      const first = await login({ clientId: config.clientId.toUpperCase(), clientSecret: secret.clientSecret, organizationSlug: 'acme' }).set(
        'Authorization',
        'Bearer ignored',
      );
      expect(first.status).toBe(200);
      keep(first.body);
      expect(first.body).toEqual({ accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/), expiresIn: 3600, accessTokenMaxTTL: 7200, tokenType: 'Bearer' });
      expect(first.body.accessToken.split('.')).toHaveLength(1);
      const second = keep((await calls.login(config.clientId, secret.clientSecret)).body);
      expect(second.accessToken).not.toBe(first.body.accessToken);
      for (const accessToken of [first.body.accessToken, second.accessToken]) {
        expect((await as(accessToken, request(t.server).get('/api/v1/groups'))).status).toBe(200);
      }
      const membership = (await as(tokens.admin, request(t.server).get(`/api/v1/identities/${identity.id}`))).body.identity;
      expect(membership).toEqual(expect.objectContaining({ lastLoginAuthMethod: 'universal-auth', lastLoginTime: expect.any(String) }));
      const secretData = (await as(tokens.admin, request(t.server).get(ua(identity.id, `/client-secrets/${secret.id}`)))).body.clientSecretData;
      expect(secretData.clientSecretNumUses).toBe(2);
      const [entry] = await auditEntries('login-identity-universal-auth');
      expect(entry.actor).toEqual({ type: 'identity', metadata: { identityId: identity.id, name: 'logger-in' } });
      expect(entry.event.metadata).toEqual({
        identityId: identity.id,
        clientSecretId: secret.id,
        identityAccessTokenId: expect.any(String),
        identityUniversalAuthId: config.id,
      });
      const stored = await t.database.query<{ token_hash: string }>('SELECT token_hash FROM identity_access_tokens WHERE identity_id = $1', [identity.id]);
      expect(stored.map((row) => row.token_hash).join()).not.toContain(first.body.accessToken);
    });

    it('answers one 401 for every kind of bad credential, and the specific ones for expired and used-up secrets', async () => {
      const identity = await calls.create(tokens.admin, { name: 'bad-logins' });
      const config = await calls.attach(tokens.admin, identity.id);
      const good = keep(await calls.secret(tokens.admin, identity.id));
      const other = keep(await calls.identityWithToken(tokens.admin, 'other-login'));
      const cases = [
        { clientId: MISSING, clientSecret: good.clientSecret },
        { clientId: 'not-a-uuid', clientSecret: good.clientSecret },
        { clientId: config.clientId, clientSecret: 'wrong' },
        { clientId: config.clientId, clientSecret: other.clientSecret },
        { clientId: config.clientId, clientSecret: good.clientSecret, organizationSlug: 'globex' },
        { clientId: config.clientId, clientSecret: good.clientSecret, subOrganizationName: 'globex' },
      ];
      for (const body of cases) await refused(() => login(body), 401, 'UnauthorizedError', 'Invalid credentials');
      for (const body of [
        { clientId: config.clientId },
        { clientId: '  ', clientSecret: 'x' },
        { clientId: config.clientId, clientSecret: 'x'.repeat(1025) },
        { ...cases[0], extra: 1 },
      ]) {
        await refused(() => login(body), 422, 'ValidationFailure');
      }

      const expiring = keep(await calls.secret(tokens.admin, identity.id, { ttl: 600 }));
      await t.database.execute('UPDATE identity_client_secrets SET expires_at = $1 WHERE id = $2', [new Date(Date.now() - 1000).toISOString(), expiring.id]);
      await refused(() => calls.login(config.clientId, expiring.clientSecret), 401, 'UnauthorizedError', 'Access denied due to expired client secret');
      await refused(() => calls.login(config.clientId, expiring.clientSecret), 401, 'UnauthorizedError', 'Access denied due to expired client secret');

      const once = keep(await calls.secret(tokens.admin, identity.id, { numUsesLimit: 1 }));
      expect(keep((await calls.login(config.clientId, once.clientSecret)).body).accessToken).toBeDefined();
      await refused(() => calls.login(config.clientId, once.clientSecret), 401, 'UnauthorizedError', 'Access denied due to client secret usage limit reached');
      await refused(() => calls.login(config.clientId, once.clientSecret), 401, 'UnauthorizedError', 'Access denied due to client secret usage limit reached');
    });

    it('of N concurrent logins with a secret limited to K uses, exactly K get a token', async () => {
      const identity = await calls.create(tokens.admin, { name: 'login-race' });
      const config = await calls.attach(tokens.admin, identity.id);
      const secret = keep(await calls.secret(tokens.admin, identity.id, { numUsesLimit: 3 }));
      const responses = await Promise.all(Array.from({ length: 12 }, () => calls.login(config.clientId, secret.clientSecret)));
      responses.forEach((response) => keep(response.body));
      expect(responses.filter((response) => response.status === 200)).toHaveLength(3);
      expect(new Set(responses.filter((response) => response.status === 401).map((response) => response.body.message))).toEqual(
        new Set(['Access denied due to client secret usage limit reached']),
      );
      const tokenRows = await t.database.query('SELECT id FROM identity_access_tokens WHERE identity_id = $1', [identity.id]);
      expect(tokenRows).toHaveLength(3);
      const [{ num_uses }] = await t.database.query<{ num_uses: number | string }>('SELECT num_uses FROM identity_client_secrets WHERE id = $1', [secret.id]);
      expect(Number(num_uses)).toBe(3);
      expect((await auditEntries('login-identity-universal-auth')).filter((entry) => entry.event.metadata.identityId === identity.id)).toHaveLength(3);
    });
  });

  describe('access tokens', () => {
    it('stop at expiry, at revocation, at the use limit, and when the identity or its Universal Auth goes', async () => {
      const expired = keep(await calls.identityWithToken(tokens.admin, 'expiring-token', 'member'));
      await t.database.execute('UPDATE identity_access_tokens SET expires_at = $1 WHERE identity_id = $2', [
        new Date(Date.now() - 1000).toISOString(),
        expired.identity.id,
      ]);
      await refused(() => as(expired.accessToken, request(t.server).get('/api/v1/groups')), 401, 'UnauthorizedError', 'Token has expired');

      const revoked = keep(await calls.identityWithToken(tokens.admin, 'revoked-token', 'member'));
      expect((await revokeToken(revoked.accessToken)).body).toEqual({ message: 'Successfully revoked access token' });
      await refused(() => as(revoked.accessToken, request(t.server).get('/api/v1/groups')), 401, 'UnauthorizedError', 'Token has been revoked');
      const [entry] = await auditEntries('revoke-identity-access-token');
      expect(entry.actor).toEqual({ type: 'identity', metadata: { identityId: revoked.identity.id, name: 'revoked-token' } });
      expect(entry.event.metadata).toEqual({ identityId: revoked.identity.id, identityAccessTokenId: expect.any(String) });
      await refused(() => revokeToken(revoked.accessToken), 401, 'UnauthorizedError', 'No identity access token found');
      for (const value of [tokens.admin, 'unknown-token']) await refused(() => revokeToken(value), 401, 'UnauthorizedError', 'No identity access token found');
      await refused(() => revokeToken(''), 422, 'ValidationFailure');

      const limited = keep(await calls.identityWithToken(tokens.admin, 'limited-token', 'member', { accessTokenNumUsesLimit: 2 }));
      expect((await as(limited.accessToken, request(t.server).get('/api/v1/groups'))).status).toBe(200);
      expect((await as(limited.accessToken, request(t.server).get('/api/v1/groups/not-a-uuid'))).status).toBe(422);
      await refused(() => as(limited.accessToken, request(t.server).get('/api/v1/groups')), 401, 'UnauthorizedError', 'Token usage limit reached');
      // An expired or used-up token can still be revoked.
      expect((await revokeToken(limited.accessToken)).status).toBe(200);

      const deleted = keep(await calls.identityWithToken(tokens.admin, 'deleted-identity', 'member'));
      expect((await as(tokens.admin, request(t.server).delete(`/api/v1/identities/${deleted.identity.id}`))).status).toBe(200);
      await refused(() => as(deleted.accessToken, request(t.server).get('/api/v1/groups')), 401, 'UnauthorizedError', 'Invalid token');
      expect(await t.database.query('SELECT id FROM identity_access_tokens WHERE identity_id = $1', [deleted.identity.id])).toEqual([]);

      const detached = keep(await calls.identityWithToken(tokens.admin, 'detached-identity', 'member'));
      expect((await as(tokens.admin, request(t.server).delete(ua(detached.identity.id)))).status).toBe(200);
      await refused(() => as(detached.accessToken, request(t.server).get('/api/v1/groups')), 401, 'UnauthorizedError', 'Invalid token');
    });

    it('a token limited to N uses authenticates exactly N of concurrent requests', async () => {
      const limited = keep(await calls.identityWithToken(tokens.admin, 'token-race', 'member', { accessTokenNumUsesLimit: 4 }));
      const responses = await Promise.all(Array.from({ length: 15 }, () => as(limited.accessToken, request(t.server).get('/api/v1/groups'))));
      expect(responses.filter((response) => response.status === 200)).toHaveLength(4);
      expect(responses.filter((response) => response.status === 401).map((response) => response.body.message)).toEqual(
        Array(11).fill('Token usage limit reached'),
      );
    });

    it('a revoked secret logs in no more, and the tokens it obtained stay valid', async () => {
      const actor = keep(await calls.identityWithToken(tokens.admin, 'secret-revoked', 'member'));
      await as(tokens.admin, request(t.server).post(ua(actor.identity.id, `/client-secrets/${actor.clientSecretId}/revoke`)));
      await refused(() => calls.login(actor.clientId, actor.clientSecret), 401, 'UnauthorizedError', 'Invalid credentials');
      expect((await as(actor.accessToken, request(t.server).get('/api/v1/groups'))).status).toBe(200);
    });
  });

  describe('an identity as actor', () => {
    it("acts with its org role united with its groups' roles, changes applying to its next request", async () => {
      const actor = keep(await calls.identityWithToken(tokens.admin, 'actor', 'no-access'));
      const listGroups = () => as(actor.accessToken, request(t.server).get('/api/v1/groups'));
      await refused(listGroups, 403, 'PermissionDenied', 'You are not allowed to read on groups');
      await as(tokens.admin, request(t.server).patch(`/api/v1/identities/${actor.identity.id}`)).send({ role: 'member' });
      expect((await listGroups()).status).toBe(200);
      // Creating needs `create` on groups, which a group granting admin brings.
      const createGroup = (name: string) => as(actor.accessToken, request(t.server).post('/api/v1/groups')).send({ name });
      await refused(() => createGroup('By a machine'), 403, 'PermissionDenied', 'You are not allowed to create on groups');
      const admins = (await as(tokens.admin, request(t.server).post('/api/v1/groups')).send({ name: 'Machine admins', role: 'admin' })).body;
      await t.database.execute('INSERT INTO identity_group_memberships (id, group_id, identity_id, created_at) VALUES ($1, $2, $3, $4)', [
        '0d6c1f3a-8b2e-4c7d-9a5f-1e2d3c4b5a69',
        admins.id,
        actor.identity.id,
        new Date().toISOString(),
      ]);
      const created = await createGroup('By a machine');
      expect(created.status).toBe(200);
      const [entry] = await auditEntries('create-group');
      expect(entry.actor).toEqual({ type: 'identity', metadata: { identityId: actor.identity.id, name: 'actor' } });
      for (const filter of [actor.identity.id, actor.identity.id.toUpperCase(), 'ACTOR']) {
        const byActor = await as(tokens.admin, request(t.server).get(`/api/v1/organization/audit-logs?actor=${filter}`));
        expect(byActor.body.auditLogs.length).toBeGreaterThan(0);
        expect(
          byActor.body.auditLogs.every((log: { actor: { metadata: { identityId?: string } } }) => log.actor.metadata.identityId === actor.identity.id),
        ).toBe(true);
      }
    });

    it('never reaches another organization: its ids answer 404 and its lists stay out', async () => {
      const acmeActor = keep(await calls.identityWithToken(tokens.admin, 'acme-admin-machine', 'admin'));
      const globex = await calls.create(tokens.globex, { name: 'globex-target' });
      for (const [method, path] of [
        ['get', `/api/v1/identities/${globex.id}`],
        ['patch', `/api/v1/identities/${globex.id}`],
        ['delete', `/api/v1/identities/${globex.id}`],
        ['get', ua(globex.id)],
        ['post', ua(globex.id)],
      ] as const) {
        const response = await refused(() => as(acmeActor.accessToken, request(t.server)[method](path)).send({}), 404, 'NotFound');
        expect(response.body.message).toMatch(/^Failed to find identity with (id|ID) /);
      }
      const listed = await as(acmeActor.accessToken, request(t.server).get('/api/v1/identities?search=globex'));
      expect(listed.body).toEqual({ identities: [], totalCount: 0 });
    });
  });

  it('writes no secret and no token to the log', async () => {
    expect(issued.length).toBeGreaterThan(20);
    const log = t.logLines.map((line) => JSON.stringify(line)).join('\n');
    for (const value of issued) expect(log).not.toContain(value);
    const audit = JSON.stringify(await t.database.query('SELECT * FROM audit_logs'));
    for (const value of issued) expect(audit).not.toContain(value);
  });
});
