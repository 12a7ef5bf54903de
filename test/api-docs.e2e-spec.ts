import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { resolveRefs, toJsonSchema } from './helpers/openapi-diff';
import { createTestApp, type TestApp } from './helpers/test-app';

/** What a newcomer reads in Swagger UI, checked on the document it renders. */

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { example?: unknown };
  description?: string;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface MediaType {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  operationId?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses: Record<string, { description?: string; headers?: Record<string, { schema?: object }>; content?: Record<string, MediaType> }>;
  security?: unknown[];
}

const demo = JSON.parse(readFileSync(resolve(process.cwd(), 'src/cli/fixtures/demo.json'), 'utf8')) as {
  groups: { id: string; members: string[] }[];
};

/** The example values of a parameter or a media type, however given. */
function examplesOf(holder: { example?: unknown; examples?: Record<string, { value: unknown }> }): unknown[] {
  if (holder.examples) return Object.values(holder.examples).map((example) => example.value);
  return holder.example === undefined ? [] : [holder.example];
}

describe('the API docs', () => {
  let t: TestApp;
  let document: {
    info: { title: string; version: string; description: string };
    servers?: unknown[];
    tags: { name: string; description?: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, object> };
  };
  let operations: [string, Operation][];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    document = (await request(t.server).get('/api/docs/json').expect(200)).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );
  });
  afterAll(() => t.close());

  it('lists on every operation the answers any route may give, and 400, 401 and 403 where a token is needed', () => {
    const gaps = operations.flatMap(([name, operation]) => {
      // SCIM routes answer in the SCIM error schema, which has no 422 and no permissions (RFC 7644 section 3.12).
      const scim = JSON.stringify(operation.security) === JSON.stringify([{ scimToken: [] }]);
      const expected = scim ? ['401', '429', '500', '503'] : ['413', '422', '429', '500', '503', ...(operation.security?.length ? ['400', '401', '403'] : [])];
      return expected.filter((status) => !(status in operation.responses)).map((status) => `${name}: no ${status}`);
    });
    expect(gaps).toEqual([]);
  });

  it('gives every 429 and 503 answer its Retry-After header, in seconds', () => {
    const answers = operations.flatMap(([name, operation]) =>
      ['429', '503'].map((status) => [`${name} ${status}`, operation.responses[status]?.headers?.['Retry-After']] as const),
    );
    expect(answers.filter(([, header]) => JSON.stringify(header?.schema) !== JSON.stringify({ type: 'integer', minimum: 0 })).map(([name]) => name)).toEqual(
      [],
    );
  });

  it('types offset and limit as integers, since 1.5 is refused', () => {
    const paging = operations.flatMap(([name, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => ['offset', 'limit'].includes(parameter.name))
        .map((parameter) => [name, parameter.name, (parameter.schema as { type?: string }).type]),
    );
    expect(paging.length).toBeGreaterThanOrEqual(4);
    expect(paging.filter(([, , type]) => type !== 'integer')).toEqual([]);
  });

  it('declares an HTTP bearer scheme that claims no token format: tokens are opaque', () => {
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', description: 'An access token of the organization' });
  });

  it('is titled with the name and version of the service', () => {
    const { version } = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8'));
    expect(document.info).toMatchObject({ title: 'Groups API', version });
  });

  it('says how to get a token and what an error looks like', () => {
    for (const needle of [
      'INITIAL_ADMIN_TOKEN',
      'start-up banner',
      'npm run seed',
      'SEED_DEMO',
      'Authorize',
      '{ reqId, statusCode, message, error, details? }',
      'X-Request-Id',
    ]) {
      expect(document.info.description).toContain(needle);
    }
  });

  it('names no server, so that "Try it out" goes to the address the page came from', () => {
    expect(document.servers ?? []).toEqual([]);
  });

  it('groups the operations under Groups, Identities, Universal Auth, Audit Logs, Status, SCIM tokens and SCIM, each tag described', () => {
    expect(document.tags.map((tag) => tag.name)).toEqual(['Groups', 'Identities', 'Universal Auth', 'Audit Logs', 'Status', 'SCIM tokens', 'SCIM']);
    for (const tag of document.tags) expect(tag.description).toBeTruthy();
    const used = new Set(operations.flatMap(([, operation]) => operation.tags ?? []));
    expect([...used].sort()).toEqual(['Audit Logs', 'Groups', 'Identities', 'SCIM', 'SCIM tokens', 'Status', 'Universal Auth']);
  });

  it('documents every machine-identity route, the two credential routes public and the others behind the bearer token', () => {
    const security = Object.fromEntries(operations.map(([name, operation]) => [name, (operation as { security?: unknown }).security]));
    const bearer = [{ bearerAuth: [] }];
    const expected = {
      'POST /api/v1/identities': bearer,
      'GET /api/v1/identities': bearer,
      'GET /api/v1/identities/{identityId}': bearer,
      'PATCH /api/v1/identities/{identityId}': bearer,
      'DELETE /api/v1/identities/{identityId}': bearer,
      'POST /api/v1/auth/universal-auth/identities/{identityId}': bearer,
      'GET /api/v1/auth/universal-auth/identities/{identityId}': bearer,
      'PATCH /api/v1/auth/universal-auth/identities/{identityId}': bearer,
      'DELETE /api/v1/auth/universal-auth/identities/{identityId}': bearer,
      'POST /api/v1/auth/universal-auth/identities/{identityId}/client-secrets': bearer,
      'GET /api/v1/auth/universal-auth/identities/{identityId}/client-secrets': bearer,
      'GET /api/v1/auth/universal-auth/identities/{identityId}/client-secrets/{clientSecretId}': bearer,
      'POST /api/v1/auth/universal-auth/identities/{identityId}/client-secrets/{clientSecretId}/revoke': bearer,
      'POST /api/v1/auth/universal-auth/login': [],
      'POST /api/v1/auth/token/revoke': [],
      'GET /api/v1/groups/{id}/machine-identities': bearer,
      'POST /api/v1/groups/{id}/machine-identities/{machineIdentityId}': bearer,
      'DELETE /api/v1/groups/{id}/machine-identities/{machineIdentityId}': bearer,
      'GET /api/v1/groups/{id}/members': bearer,
    };
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, security[name]]))).toEqual(expected);
  });

  it('gives every operation one tag, an id, a summary, a description and described parameters', () => {
    const gaps = operations.flatMap(([name, operation]) => [
      ...(operation.tags?.length === 1 ? [] : [`${name}: tags ${JSON.stringify(operation.tags)}`]),
      ...(['operationId', 'summary', 'description'] as const).filter((key) => !operation[key]).map((key) => `${name}: no ${key}`),
      ...(operation.parameters ?? []).filter((parameter) => !parameter.description).map((parameter) => `${name}: no description of ${parameter.name}`),
    ]);
    expect(gaps).toEqual([]);
  });

  it('gives every path parameter an example from the demo data, so that "Try it out" works on it as it is', () => {
    const gaps = operations.flatMap(([name, operation]) => {
      const path = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      const groupIds = name.includes(' /api/v1/groups/') ? path.filter((parameter) => parameter.name === 'id').flatMap(examplesOf) : [];
      const usernames = path.filter((parameter) => parameter.name === 'username').flatMap(examplesOf);
      return [
        ...path.filter((parameter) => examplesOf(parameter).length === 0).map((parameter) => `${name}: no example of ${parameter.name}`),
        ...groupIds.filter((id) => !demo.groups.some((group) => group.id === id)).map((id) => `${name}: ${id} is no demo group`),
        ...usernames
          .filter((username) => !demo.groups.some((group) => groupIds.includes(group.id) && group.members.includes(username as string)))
          .map((username) => `${name}: ${username} is no member of the example group`),
      ];
    });
    expect(gaps).toEqual([]);
  });

  it('leaves the optional query parameters empty in "Try it out", which would send an example as a filter', () => {
    const prefilled = operations.flatMap(([name, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query' && !parameter.required && (examplesOf(parameter).length > 0 || parameter.schema?.example !== undefined))
        .map((parameter) => `${name}: ${parameter.name}`),
    );
    expect(prefilled).toEqual([]);
  });

  it('gives every error answer an example, and every example fits its schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const problems = operations.flatMap(([name, operation]) =>
      Object.entries(operation.responses).flatMap(([status, response]) => {
        // SCIM routes answer in their own media type.
        const media = response.content?.['application/json'] ?? response.content?.['application/scim+json'];
        const examples = media ? examplesOf(media) : [];
        if (Number(status) >= 400 && examples.length === 0) return [`${name} ${status}: no example`];
        const validate = ajv.compile(toJsonSchema(resolveRefs(media?.schema ?? {}, document)) as object);
        return examples
          .filter((example) => !validate(example))
          .map((example) => `${name} ${status}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
      }),
    );
    expect(problems).toEqual([]);
  });
});
