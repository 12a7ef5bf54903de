import request from 'supertest';
import type { TestApp } from './test-app';

/** Calls of the identity routes, through HTTP, for specs that need identities, secrets and their tokens. */
export function identityCalls(t: TestApp) {
  const bearer = (token: string) => `Bearer ${token}`;
  return {
    async create(token: string, body: Record<string, unknown>): Promise<{ id: string; name: string }> {
      const response = await request(t.server).post('/api/v1/identities').set('Authorization', bearer(token)).send(body);
      if (response.status !== 200) throw new Error(`create identity: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.identity;
    },
    async attach(token: string, identityId: string, body: Record<string, unknown> = {}): Promise<{ id: string; clientId: string }> {
      const response = await request(t.server).post(`/api/v1/auth/universal-auth/identities/${identityId}`).set('Authorization', bearer(token)).send(body);
      if (response.status !== 200) throw new Error(`attach: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.identityUniversalAuth;
    },
    async secret(token: string, identityId: string, body: Record<string, unknown> = {}): Promise<{ clientSecret: string; id: string }> {
      const response = await request(t.server)
        .post(`/api/v1/auth/universal-auth/identities/${identityId}/client-secrets`)
        .set('Authorization', bearer(token))
        .send(body);
      if (response.status !== 200) throw new Error(`create secret: ${response.status} ${JSON.stringify(response.body)}`);
      return { clientSecret: response.body.clientSecret, id: response.body.clientSecretData.id };
    },
    login(clientId: string, clientSecret: string) {
      return request(t.server).post('/api/v1/auth/universal-auth/login').send({ clientId, clientSecret });
    },
    /** An identity of `role` with Universal Auth (with `auth`'s settings), one secret, and an access token. */
    async identityWithToken(adminToken: string, name: string, role = 'no-access', auth: Record<string, unknown> = {}) {
      const identity = await this.create(adminToken, { name, role });
      const ua = await this.attach(adminToken, identity.id, auth);
      const secret = await this.secret(adminToken, identity.id);
      const login = await this.login(ua.clientId, secret.clientSecret);
      if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
      return { identity, clientId: ua.clientId, clientSecret: secret.clientSecret, clientSecretId: secret.id, accessToken: login.body.accessToken as string };
    },
  };
}
