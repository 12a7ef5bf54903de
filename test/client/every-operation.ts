/**
 * A client of the API as its consumers write one: openapi-typescript turns the served OpenAPI document
 * into `./openapi-types` (written beside a copy of this file at test time), openapi-fetch makes the
 * calls. The document tells the truth when this program type-checks in strict mode and every answer it
 * gets fits the document's schema for its status (test/generated-client.e2e-spec.ts).
 *
 * `CALLS` holds the calls of each operation, by operationId: a new operation of the document needs its
 * entry, or this program no longer type-checks. The calls run in the order written, in one
 * organization: each changes what the next ones see.
 *
 * Environment: BASE_URL, TOKEN (an admin's), USERNAME (a member of the organization in no group).
 * Output: one JSON line per call, `{operationId, call, expected, status, contentType, body}`.
 */
import createClient from 'openapi-fetch';
import type { operations, paths } from './openapi-types';

const { BASE_URL, TOKEN, USERNAME } = process.env;
if (!BASE_URL || !TOKEN || !USERNAME) throw new Error('BASE_URL, TOKEN and USERNAME must be set');
const username: string = USERNAME;

const api = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${TOKEN}` } });
const anonymous = createClient<paths>({ baseUrl: BASE_URL });

/** What openapi-fetch answers: the parsed body is `data` on a success, `error` otherwise. */
interface Answer {
  response: Response;
  data?: unknown;
  error?: unknown;
}

interface Call {
  /** What the call checks, for the failure messages. */
  name: string;
  /** The status it must get. */
  expected: number;
  run(): Promise<Answer>;
}

/** An id that no group, identity or SCIM resource has. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** What the calls create, then use, then delete. */
let groupId = UNKNOWN_ID;
let identityId = UNKNOWN_ID;
let clientId = '';
let clientSecret = '';
let clientSecretId = UNKNOWN_ID;
let accessToken = '';
let scimTokenId = UNKNOWN_ID;
let scimToken = '';
let scimUserId = UNKNOWN_ID;
let scimGroupId = UNKNOWN_ID;

/** The headers of a SCIM call: the SCIM token, and the SCIM media type of the body that providers send. */
const scimHeaders = () => ({ Authorization: `Bearer ${scimToken}`, 'Content-Type': 'application/scim+json' });
const scimUser = (givenName: string) => ({
  schemas: [USER_URN],
  userName: 'linus@example.com',
  name: { givenName, familyName: 'Torvalds' },
  emails: [{ value: 'linus@example.com', primary: true }],
  active: true,
});

const CALLS: Record<keyof operations, Call[]> = {
  getStatus: [{ name: 'status', expected: 200, run: () => anonymous.GET('/api/status') }],
  createGroup: [
    {
      name: 'create a group',
      expected: 200,
      run: async () => {
        const answer = await api.POST('/api/v1/groups', { body: { name: 'Generated client', slug: 'generated-client', role: 'member' } });
        if (answer.data) groupId = answer.data.id;
        return answer;
      },
    },
    { name: 'without a token', expected: 401, run: () => anonymous.POST('/api/v1/groups', { body: { name: 'Refused' } }) },
    { name: 'a slug taken', expected: 400, run: () => api.POST('/api/v1/groups', { body: { name: 'Again', slug: 'generated-client' } }) },
    { name: 'a name too long', expected: 422, run: () => api.POST('/api/v1/groups', { body: { name: 'x'.repeat(51) } }) },
  ],
  listGroups: [
    { name: 'the groups', expected: 200, run: () => api.GET('/api/v1/groups') },
    { name: 'without a token', expected: 401, run: () => anonymous.GET('/api/v1/groups') },
  ],
  getGroupById: [
    { name: 'the group', expected: 200, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
    { name: 'an unknown group', expected: 404, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: UNKNOWN_ID } } }) },
    { name: 'an id that is no UUID', expected: 422, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: 'not-a-uuid' } } }) },
  ],
  updateGroup: [
    {
      name: 'rename the group',
      expected: 200,
      run: () => api.PATCH('/api/v1/groups/{id}', { params: { path: { id: groupId } }, body: { name: 'Generated client, renamed' } }),
    },
    {
      name: 'an unknown group',
      expected: 404,
      run: () => api.PATCH('/api/v1/groups/{id}', { params: { path: { id: UNKNOWN_ID } }, body: { name: 'Nobody' } }),
    },
  ],
  addUserToGroup: [
    { name: 'add the user', expected: 200, run: () => api.POST('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username } } }) },
    { name: 'add the user again', expected: 400, run: () => api.POST('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username } } }) },
    {
      name: 'an unknown user',
      expected: 404,
      run: () => api.POST('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username: 'nobody@example.com' } } }),
    },
  ],
  listGroupUsers: [
    {
      name: 'the members, one page',
      expected: 200,
      run: () => api.GET('/api/v1/groups/{id}/users', { params: { path: { id: groupId }, query: { offset: 0, limit: 5, filter: 'existingMembers' } } }),
    },
    {
      name: 'a limit out of range',
      expected: 422,
      run: () => api.GET('/api/v1/groups/{id}/users', { params: { path: { id: groupId }, query: { limit: 0 } } }),
    },
  ],
  createMachineIdentity: [
    {
      name: 'create an identity',
      expected: 200,
      run: async () => {
        const answer = await api.POST('/api/v1/identities', { body: { name: 'deployer', role: 'member', hasDeleteProtection: false, metadata: [] } });
        if (answer.data) identityId = answer.data.identity.id;
        return answer;
      },
    },
    { name: 'without a name', expected: 422, run: () => api.POST('/api/v1/identities', { body: { name: '' } }) },
  ],
  listMachineIdentities: [{ name: 'the identities', expected: 200, run: () => api.GET('/api/v1/identities', { params: { query: { offset: 0, limit: 10 } } }) }],
  getMachineIdentity: [
    { name: 'the identity', expected: 200, run: () => api.GET('/api/v1/identities/{identityId}', { params: { path: { identityId } } }) },
    { name: 'an unknown identity', expected: 404, run: () => api.GET('/api/v1/identities/{identityId}', { params: { path: { identityId: UNKNOWN_ID } } }) },
  ],
  updateMachineIdentity: [
    {
      name: 'rename the identity',
      expected: 200,
      run: () => api.PATCH('/api/v1/identities/{identityId}', { params: { path: { identityId } }, body: { name: 'deployer-renamed' } }),
    },
  ],
  addMachineIdentityToGroup: [
    {
      name: 'add the identity',
      expected: 200,
      run: () => api.POST('/api/v1/groups/{id}/machine-identities/{machineIdentityId}', { params: { path: { id: groupId, machineIdentityId: identityId } } }),
    },
  ],
  listGroupMachineIdentities: [
    {
      name: 'the identities of the group',
      expected: 200,
      run: () => api.GET('/api/v1/groups/{id}/machine-identities', { params: { path: { id: groupId }, query: { offset: 0, limit: 10 } } }),
    },
  ],
  listGroupMembers: [
    {
      name: 'the users and identities of the group',
      expected: 200,
      run: () => api.GET('/api/v1/groups/{id}/members', { params: { path: { id: groupId }, query: { offset: 0, limit: 10 } } }),
    },
  ],
  removeMachineIdentityFromGroup: [
    {
      name: 'remove the identity',
      expected: 200,
      run: () => api.DELETE('/api/v1/groups/{id}/machine-identities/{machineIdentityId}', { params: { path: { id: groupId, machineIdentityId: identityId } } }),
    },
  ],
  attachUniversalAuth: [
    {
      name: 'attach with the defaults',
      expected: 200,
      run: async () => {
        const answer = await api.POST('/api/v1/auth/universal-auth/identities/{identityId}', { params: { path: { identityId } }, body: {} });
        if (answer.data) clientId = answer.data.identityUniversalAuth.clientId;
        return answer;
      },
    },
    {
      name: 'attach again',
      expected: 400,
      run: () => api.POST('/api/v1/auth/universal-auth/identities/{identityId}', { params: { path: { identityId } }, body: {} }),
    },
  ],
  getUniversalAuth: [
    { name: 'the settings', expected: 200, run: () => api.GET('/api/v1/auth/universal-auth/identities/{identityId}', { params: { path: { identityId } } }) },
  ],
  updateUniversalAuth: [
    {
      name: 'limit the uses of a token',
      expected: 200,
      run: () => api.PATCH('/api/v1/auth/universal-auth/identities/{identityId}', { params: { path: { identityId } }, body: { accessTokenNumUsesLimit: 10 } }),
    },
  ],
  createUniversalAuthClientSecret: [
    {
      name: 'create a secret',
      expected: 200,
      run: async () => {
        const answer = await api.POST('/api/v1/auth/universal-auth/identities/{identityId}/client-secrets', {
          params: { path: { identityId } },
          body: { description: 'ci' },
        });
        if (answer.data)
          ({
            clientSecret,
            clientSecretData: { id: clientSecretId },
          } = answer.data);
        return answer;
      },
    },
  ],
  listUniversalAuthClientSecrets: [
    {
      name: 'the secrets',
      expected: 200,
      run: () => api.GET('/api/v1/auth/universal-auth/identities/{identityId}/client-secrets', { params: { path: { identityId } } }),
    },
  ],
  getUniversalAuthClientSecret: [
    {
      name: 'the secret',
      expected: 200,
      run: () =>
        api.GET('/api/v1/auth/universal-auth/identities/{identityId}/client-secrets/{clientSecretId}', { params: { path: { identityId, clientSecretId } } }),
    },
  ],
  loginUniversalAuth: [
    {
      name: 'log in',
      expected: 200,
      run: async () => {
        const answer = await anonymous.POST('/api/v1/auth/universal-auth/login', { body: { clientId, clientSecret } });
        if (answer.data) accessToken = answer.data.accessToken;
        return answer;
      },
    },
    {
      name: 'a wrong secret',
      expected: 401,
      run: () => anonymous.POST('/api/v1/auth/universal-auth/login', { body: { clientId, clientSecret: 'f'.repeat(64) } }),
    },
  ],
  revokeIdentityAccessToken: [{ name: 'revoke the token', expected: 200, run: () => anonymous.POST('/api/v1/auth/token/revoke', { body: { accessToken } }) }],
  revokeUniversalAuthClientSecret: [
    {
      name: 'revoke the secret',
      expected: 200,
      run: () =>
        api.POST('/api/v1/auth/universal-auth/identities/{identityId}/client-secrets/{clientSecretId}/revoke', {
          params: { path: { identityId, clientSecretId } },
          body: {},
        }),
    },
  ],
  detachUniversalAuth: [
    {
      name: 'detach',
      expected: 200,
      run: () => api.DELETE('/api/v1/auth/universal-auth/identities/{identityId}', { params: { path: { identityId } }, body: {} }),
    },
  ],
  deleteMachineIdentity: [
    { name: 'delete the identity', expected: 200, run: () => api.DELETE('/api/v1/identities/{identityId}', { params: { path: { identityId } }, body: {} }) },
  ],
  removeUserFromGroup: [
    { name: 'remove the user', expected: 200, run: () => api.DELETE('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username } } }) },
    {
      name: 'remove the user again',
      expected: 404,
      run: () => api.DELETE('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username } } }),
    },
    {
      name: 'without a token',
      expected: 401,
      run: () => anonymous.DELETE('/api/v1/groups/{id}/users/{username}', { params: { path: { id: groupId, username } } }),
    },
  ],
  listAuditLogs: [
    {
      name: 'the removals',
      expected: 200,
      run: () => api.GET('/api/v1/organization/audit-logs', { params: { query: { eventType: 'remove-user-from-group', offset: 0, limit: 10 } } }),
    },
    {
      name: 'a start that is no date',
      expected: 422,
      run: () => api.GET('/api/v1/organization/audit-logs', { params: { query: { startDate: 'yesterday' } } }),
    },
  ],
  deleteGroup: [
    { name: 'delete the group', expected: 200, run: () => api.DELETE('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
    { name: 'delete it again', expected: 404, run: () => api.DELETE('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
  ],
  createScimToken: [
    {
      name: 'create a SCIM token',
      expected: 200,
      run: async () => {
        const answer = await api.POST('/api/v1/scim/scim-tokens', { body: { description: 'Generated client', ttlDays: 30 } });
        if (answer.data) ({ scimToken, id: scimTokenId } = answer.data);
        return answer;
      },
    },
  ],
  listScimTokens: [{ name: 'the SCIM tokens', expected: 200, run: () => api.GET('/api/v1/scim/scim-tokens') }],
  scimServiceProviderConfig: [
    { name: 'the configuration', expected: 200, run: () => anonymous.GET('/api/v1/scim/ServiceProviderConfig', { headers: scimHeaders() }) },
  ],
  scimListResourceTypes: [{ name: 'the resource types', expected: 200, run: () => anonymous.GET('/api/v1/scim/ResourceTypes', { headers: scimHeaders() }) }],
  scimGetResourceType: [
    {
      name: 'the User type',
      expected: 200,
      run: () => anonymous.GET('/api/v1/scim/ResourceTypes/{id}', { params: { path: { id: 'User' } }, headers: scimHeaders() }),
    },
  ],
  scimListSchemas: [{ name: 'the schemas', expected: 200, run: () => anonymous.GET('/api/v1/scim/Schemas', { headers: scimHeaders() }) }],
  scimGetSchema: [
    {
      name: 'the User schema',
      expected: 200,
      run: () => anonymous.GET('/api/v1/scim/Schemas/{id}', { params: { path: { id: USER_URN } }, headers: scimHeaders() }),
    },
    {
      name: 'an unknown schema',
      expected: 404,
      run: () => anonymous.GET('/api/v1/scim/Schemas/{id}', { params: { path: { id: 'urn:unknown' } }, headers: scimHeaders() }),
    },
  ],
  scimCreateUser: [
    {
      name: 'create a user',
      expected: 201,
      run: async () => {
        const answer = await anonymous.POST('/api/v1/scim/Users', { body: scimUser('Linus'), headers: scimHeaders() });
        if (answer.data) scimUserId = answer.data.id;
        return answer;
      },
    },
    { name: 'the same name again', expected: 409, run: () => anonymous.POST('/api/v1/scim/Users', { body: scimUser('Linus'), headers: scimHeaders() }) },
    { name: 'without a SCIM token', expected: 401, run: () => anonymous.POST('/api/v1/scim/Users', { body: scimUser('Linus') }) },
  ],
  scimListUsers: [
    {
      name: 'a filtered page',
      expected: 200,
      run: () =>
        anonymous.GET('/api/v1/scim/Users', {
          params: { query: { filter: 'userName eq "linus@example.com"', startIndex: 1, count: 10 } },
          headers: scimHeaders(),
        }),
    },
    {
      name: 'a filter that does not parse',
      expected: 400,
      run: () => anonymous.GET('/api/v1/scim/Users', { params: { query: { filter: 'userName eq' } }, headers: scimHeaders() }),
    },
  ],
  scimGetUser: [
    { name: 'the user', expected: 200, run: () => anonymous.GET('/api/v1/scim/Users/{id}', { params: { path: { id: scimUserId } }, headers: scimHeaders() }) },
    {
      name: 'an unknown user',
      expected: 404,
      run: () => anonymous.GET('/api/v1/scim/Users/{id}', { params: { path: { id: UNKNOWN_ID } }, headers: scimHeaders() }),
    },
  ],
  scimReplaceUser: [
    {
      name: 'replace the user',
      expected: 200,
      run: () => anonymous.PUT('/api/v1/scim/Users/{id}', { params: { path: { id: scimUserId } }, body: scimUser('Linus B.'), headers: scimHeaders() }),
    },
  ],
  scimPatchUser: [
    {
      name: 'patch the user',
      expected: 200,
      run: () =>
        anonymous.PATCH('/api/v1/scim/Users/{id}', {
          params: { path: { id: scimUserId } },
          body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'name.givenName', value: 'Linus' }] },
          headers: scimHeaders(),
        }),
    },
  ],
  scimCreateGroup: [
    {
      name: 'create a group with the user',
      expected: 201,
      run: async () => {
        const answer = await anonymous.POST('/api/v1/scim/Groups', {
          body: { schemas: [GROUP_URN], displayName: 'Kernel', members: [{ value: scimUserId }] },
          headers: scimHeaders(),
        });
        if (answer.data) scimGroupId = answer.data.id;
        return answer;
      },
    },
  ],
  scimListGroups: [
    { name: 'the groups', expected: 200, run: () => anonymous.GET('/api/v1/scim/Groups', { params: { query: { count: 10 } }, headers: scimHeaders() }) },
  ],
  scimGetGroup: [
    {
      name: 'the group',
      expected: 200,
      run: () => anonymous.GET('/api/v1/scim/Groups/{id}', { params: { path: { id: scimGroupId } }, headers: scimHeaders() }),
    },
  ],
  scimReplaceGroup: [
    {
      name: 'replace the group',
      expected: 200,
      run: () =>
        anonymous.PUT('/api/v1/scim/Groups/{id}', {
          params: { path: { id: scimGroupId } },
          body: { schemas: [GROUP_URN], displayName: 'Kernel maintainers', members: [{ value: scimUserId }] },
          headers: scimHeaders(),
        }),
    },
  ],
  scimPatchGroup: [
    {
      name: 'remove the member',
      expected: 200,
      run: () =>
        anonymous.PATCH('/api/v1/scim/Groups/{id}', {
          params: { path: { id: scimGroupId } },
          body: { schemas: [PATCH_URN], Operations: [{ op: 'remove', path: `members[value eq "${scimUserId}"]` }] },
          headers: scimHeaders(),
        }),
    },
  ],
  scimDeleteGroup: [
    {
      name: 'delete the group',
      expected: 204,
      run: () => anonymous.DELETE('/api/v1/scim/Groups/{id}', { params: { path: { id: scimGroupId } }, headers: scimHeaders() }),
    },
  ],
  scimDeleteUser: [
    {
      name: 'delete the user',
      expected: 204,
      run: () => anonymous.DELETE('/api/v1/scim/Users/{id}', { params: { path: { id: scimUserId } }, headers: scimHeaders() }),
    },
  ],
  deleteScimToken: [
    { name: 'delete the SCIM token', expected: 200, run: () => api.DELETE('/api/v1/scim/scim-tokens/{id}', { params: { path: { id: scimTokenId } } }) },
    { name: 'delete it again', expected: 404, run: () => api.DELETE('/api/v1/scim/scim-tokens/{id}', { params: { path: { id: scimTokenId } } }) },
  ],
};

for (const [operationId, calls] of Object.entries(CALLS)) {
  for (const call of calls) {
    const { response, data, error } = await call.run();
    const line = {
      operationId,
      call: call.name,
      expected: call.expected,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: data ?? error,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
