/**
 * A client of the API as its consumers write one: generated from the served OpenAPI document
 * (openapi-typescript writes `generated/openapi-types.ts`, openapi-fetch calls it). The document
 * tells the truth when this program type-checks in strict mode and every answer it gets fits the
 * document's schema for its status (test/generated-client.e2e-spec.ts).
 *
 * `CALLS` holds the calls of each operation, by operationId: a new operation of the document needs
 * its entry, or this program no longer type-checks. The calls run in the order written, on one
 * organization: each changes what the next ones see.
 *
 * Environment: BASE_URL, TOKEN (an admin's), USERNAME (a member of the organization in no group).
 * Output: one JSON line per call, `{operationId, call, expected, status, body}`.
 */
import createClient from 'openapi-fetch';
const { BASE_URL, TOKEN, USERNAME } = process.env;
if (!BASE_URL || !TOKEN || !USERNAME)
    throw new Error('BASE_URL, TOKEN and USERNAME must be set');
const username = USERNAME;
const api = createClient({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${TOKEN}` } });
const anonymous = createClient({ baseUrl: BASE_URL });
/** A group id that no group has. */
const UNKNOWN_GROUP = '00000000-0000-4000-8000-000000000000';
/** The group the calls create, then use, then delete. */
let groupId = UNKNOWN_GROUP;
const CALLS = {
    getStatus: [{ name: 'status', expected: 200, run: () => anonymous.GET('/api/status') }],
    createGroup: [
        {
            name: 'create a group',
            expected: 200,
            run: async () => {
                const answer = await api.POST('/api/v1/groups', { body: { name: 'Generated client', slug: 'generated-client', role: 'member' } });
                if (answer.data)
                    groupId = answer.data.id;
                return answer;
            },
        },
        { name: 'without a token', expected: 401, run: () => anonymous.POST('/api/v1/groups', { body: { name: 'Refused' } }) },
        { name: 'a name too long', expected: 422, run: () => api.POST('/api/v1/groups', { body: { name: 'x'.repeat(51) } }) },
    ],
    listGroups: [
        { name: 'the groups', expected: 200, run: () => api.GET('/api/v1/groups') },
        { name: 'without a token', expected: 401, run: () => anonymous.GET('/api/v1/groups') },
    ],
    getGroupById: [
        { name: 'the group', expected: 200, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
        { name: 'an unknown group', expected: 404, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: UNKNOWN_GROUP } } }) },
        { name: 'an id that is no UUID', expected: 422, run: () => api.GET('/api/v1/groups/{id}', { params: { path: { id: 'not-a-uuid' } } }) },
    ],
    updateGroup: [
        { name: 'rename the group', expected: 200, run: () => api.PATCH('/api/v1/groups/{id}', { params: { path: { id: groupId } }, body: { name: 'Generated client, renamed' } }) },
        { name: 'an unknown group', expected: 404, run: () => api.PATCH('/api/v1/groups/{id}', { params: { path: { id: UNKNOWN_GROUP } }, body: { name: 'Nobody' } }) },
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
        { name: 'a limit out of range', expected: 422, run: () => api.GET('/api/v1/groups/{id}/users', { params: { path: { id: groupId }, query: { limit: 0 } } }) },
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
        { name: 'a start that is no date', expected: 422, run: () => api.GET('/api/v1/organization/audit-logs', { params: { query: { startDate: 'yesterday' } } }) },
    ],
    deleteGroup: [
        { name: 'delete the group', expected: 200, run: () => api.DELETE('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
        { name: 'delete it again', expected: 404, run: () => api.DELETE('/api/v1/groups/{id}', { params: { path: { id: groupId } } }) },
    ],
};
for (const [operationId, calls] of Object.entries(CALLS)) {
    for (const call of calls) {
        const { response, data, error } = await call.run();
        const line = { operationId, call: call.name, expected: call.expected, status: response.status, body: data ?? error };
        process.stdout.write(JSON.stringify(line) + '\n');
    }
}
