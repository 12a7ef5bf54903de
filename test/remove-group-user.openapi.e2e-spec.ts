import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { jsonDifferences, resolveRefs } from './helpers/openapi-diff';
import { createTestApp, type TestApp } from './helpers/test-app';

const PATH = '/api/v1/groups/{id}/users/{username}';
const seedDocument = JSON.parse(readFileSync(resolve(process.cwd(), 'docs/spec/remove-group-user.openapi.json'), 'utf8'));
const seedOperation = seedDocument.paths[PATH].delete;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  description?: string;
}

/** The emitted operation's contract, in the seed's terms: parameters by name, response schemas by status. */
function contractOf(operation: Record<string, unknown>, document: unknown) {
  const resolved = resolveRefs(operation, document) as {
    parameters: Parameter[];
    responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  };
  return {
    parameters: Object.fromEntries(resolved.parameters.map((p) => [p.name, { in: p.in, required: p.required, schema: p.schema, description: p.description }])),
    responses: Object.fromEntries(Object.entries(resolved.responses).map(([status, response]) => [status, response.content?.['application/json']?.schema])),
  };
}

describe('the emitted OpenAPI document of Remove Group User', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Record<string, unknown>>>; components: { securitySchemes: Record<string, unknown> } };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    document = (await request(t.server).get('/api/docs/json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('has the seed contract parameters and response schemas, schema by schema', () => {
    const emitted = document.paths[PATH]?.delete;
    expect(emitted).toBeDefined();
    const seed = contractOf(seedOperation, seedDocument);
    const { responses, ...rest } = contractOf(emitted, document);
    const seedStatuses = Object.fromEntries(Object.entries(responses).filter(([status]) => status in seed.responses));
    expect(jsonDifferences(seed, { ...rest, responses: seedStatuses })).toEqual([]);
  });

  it('documents beyond the seed only the answers any route may give: a body too large, rate limits, the database away', () => {
    const statuses = Object.keys(document.paths[PATH].delete.responses as object);
    expect(statuses.filter((status) => !(status in seedOperation.responses))).toEqual(['413', '429', '503']);
  });

  it('names the operation, tags it and requires a bearer token', () => {
    const emitted = document.paths[PATH].delete;
    expect(emitted.summary).toBe('Remove Group User');
    expect(emitted.operationId).toBe('removeUserFromGroup');
    expect(emitted.tags).toEqual(['Groups']);
    expect(emitted.deprecated ?? false).toBe(false);
    expect(emitted.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('the OpenAPI comparison', () => {
  const seed = contractOf(seedOperation, seedDocument);

  it('names a dropped additionalProperties: false', () => {
    const changed = structuredClone(seed) as { responses: Record<string, Record<string, unknown>> };
    delete changed.responses['200'].additionalProperties;
    expect(jsonDifferences(seed, changed)).toEqual(['$.responses.200.additionalProperties: missing, expected false']);
  });

  it('names a changed nullable, a missing status and an extra parameter', () => {
    const changed = structuredClone(seed) as { parameters: Record<string, unknown>; responses: Record<string, unknown> };
    (changed.responses['200'] as { properties: { email: { nullable: boolean } } }).properties.email.nullable = false;
    delete changed.responses['422'];
    changed.parameters.extra = { in: 'query' };
    expect(jsonDifferences(seed, changed).sort()).toEqual(
      [
        '$.parameters.extra: unexpected {"in":"query"}',
        '$.responses.200.properties.email.nullable: expected true, got false',
        expect.stringMatching(/^\$\.responses\.422: missing/),
      ].sort(),
    );
  });
});
