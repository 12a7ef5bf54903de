import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Response } from 'supertest';

const seed = JSON.parse(readFileSync(resolve(process.cwd(), 'docs/spec/remove-group-user.openapi.json'), 'utf8'));
const responses = seed.paths['/api/v1/groups/{id}/users/{username}'].delete.responses as Record<string, { content: { 'application/json': { schema: object } } }>;

/** OpenAPI 3.0's `nullable` is not JSON Schema: say it the JSON Schema way before compiling. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (nullable === true && typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  return converted;
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validators = new Map<string, ValidateFunction>();

/** The seed contract's schema of the answer with this status of Remove Group User. */
export function seedValidator(status: number): ValidateFunction {
  let validate = validators.get(String(status));
  if (!validate) {
    const response = responses[String(status)];
    if (!response) throw new Error(`the seed documents no ${status} answer`);
    validate = ajv.compile(toJsonSchema(response.content['application/json'].schema) as object);
    validators.set(String(status), validate);
  }
  return validate;
}

/** Asserts the answer is the seed's envelope for its status, with the reqId of its X-Request-Id header. */
export function expectEnvelope(response: Response, status: number, error: string, message?: unknown): void {
  expect(response.status).toBe(status);
  const validate = seedValidator(status);
  expect(validate(response.body) ? [] : validate.errors).toEqual([]);
  expect(response.body.reqId).toMatch(/^req-[A-Za-z0-9]{14}$/);
  expect(response.body.reqId).toBe(response.headers['x-request-id']);
  expect(response.body.error).toBe(error);
  if (message !== undefined) expect(response.body.message).toEqual(message);
}
