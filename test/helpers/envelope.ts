import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Response } from 'supertest';
import { toJsonSchema } from './openapi-diff';

/** The seed contract's answers of Remove Group User (docs/spec), by status. */
const seed = JSON.parse(readFileSync(resolve(process.cwd(), 'docs/spec/remove-group-user.openapi.json'), 'utf8'));
const seedResponses = seed.paths['/api/v1/groups/{id}/users/{username}'].delete.responses as Record<
  string,
  { content: { 'application/json': { schema: object } } }
>;

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validators = new Map<number, ValidateFunction>();

/** The seed contract's schema of the answer with this status of Remove Group User. */
export function seedValidator(status: number): ValidateFunction {
  let validate = validators.get(status);
  if (!validate) {
    const response = seedResponses[String(status)];
    if (!response) throw new Error(`the seed documents no ${status} answer`);
    validate = ajv.compile(toJsonSchema(response.content['application/json'].schema) as object);
    validators.set(status, validate);
  }
  return validate;
}

/**
 * What is wrong with an error answer as the envelope (docs/contract.md, Errors), for any status:
 * `{reqId, statusCode, message, error, details?}`, the reqId of the X-Request-Id header, `details`
 * on 403 only and always there, a list of issues as the message of a 422, and the seed's schema of
 * the status where the seed has one. Empty when it is right.
 */
export function envelopeProblems(response: Pick<Response, 'status' | 'body' | 'headers'>): string[] {
  const problems: string[] = [];
  const body = response.body as Record<string, unknown> | undefined;
  if (!String(response.headers['content-type']).startsWith('application/json')) problems.push(`content-type ${response.headers['content-type']}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [...problems, `body ${JSON.stringify(body)}`];
  const keys = response.status === 403 ? ['details', 'error', 'message', 'reqId', 'statusCode'] : ['error', 'message', 'reqId', 'statusCode'];
  if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(keys))
    problems.push(`keys ${Object.keys(body).sort().join(', ')}, expected ${keys.join(', ')}`);
  if (typeof body.reqId !== 'string' || !/^req-[A-Za-z0-9]{14}$/.test(body.reqId)) problems.push(`reqId ${String(body.reqId)}`);
  if (body.reqId !== response.headers['x-request-id']) problems.push('reqId differs from X-Request-Id');
  if (body.statusCode !== response.status) problems.push(`statusCode ${String(body.statusCode)} on a ${response.status}`);
  if (typeof body.error !== 'string' || body.error === '') problems.push(`error ${String(body.error)}`);
  const messageIsRight =
    response.status === 422 ? Array.isArray(body.message) && body.message.length > 0 : typeof body.message === 'string' && body.message !== '';
  if (!messageIsRight) problems.push(`message ${JSON.stringify(body.message)}`);
  if (String(response.status) in seedResponses) {
    const validate = seedValidator(response.status);
    if (!validate(body)) problems.push(`not the seed's ${response.status} schema: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}

/** Asserts an error answer in the envelope with this status and `error` name, and this message when one is given. */
export function expectEnvelope(response: Response, status: number, error: string, message?: unknown): void {
  expect({ status: response.status, error: response.body?.error }).toEqual({ status, error });
  expect(envelopeProblems(response)).toEqual([]);
  if (message !== undefined) expect(response.body.message).toEqual(message);
}
