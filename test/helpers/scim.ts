import request from 'supertest';
import type { Response } from 'supertest';
import type { TestApp } from './test-app';

export const SCIM = '/api/v1/scim';
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Creates a SCIM token through the regular API with an admin's token, and answers its secret. */
export async function createScimToken(t: TestApp, adminToken: string, description = 'e2e'): Promise<{ scimToken: string; id: string }> {
  const response = await request(t.server).post('/api/v1/scim/scim-tokens').set('Authorization', `Bearer ${adminToken}`).send({ description }).expect(200);
  return { scimToken: response.body.scimToken, id: response.body.id };
}

/** A SCIM client with its token, sending `application/scim+json` as providers do. */
export function scimClient(t: TestApp, token: string) {
  const send = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const call = request(t.server)[method](`${SCIM}${path}`).set('Authorization', `Bearer ${token}`).set(headers);
    return body === undefined ? call : call.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send('get', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send('post', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send('put', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => send('patch', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send('delete', path, undefined, headers),
  };
}

export type ScimClient = ReturnType<typeof scimClient>;

/** A PATCH body of these operations. */
export const patchOf = (...Operations: object[]) => ({ schemas: [PATCH_URN], Operations });

/** Asserts a SCIM error answer: the status, the error schema exactly, the media type. */
export function expectScimError(response: Response, status: number, scimType?: string): void {
  expect({ status: response.status, scimType: response.body?.scimType }).toEqual({ status, scimType });
  expect(String(response.headers['content-type'])).toMatch(/^application\/scim\+json/);
  expect(Object.keys(response.body).sort()).toEqual(scimType ? ['detail', 'schemas', 'scimType', 'status'] : ['detail', 'schemas', 'status']);
  expect(response.body).toMatchObject({ schemas: [ERROR_URN], status: String(status), detail: expect.any(String) });
}
