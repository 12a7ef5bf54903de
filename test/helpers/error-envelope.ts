import type { Response } from 'supertest';

/**
 * What is wrong with an error answer as the contract's envelope (docs/contract.md, Errors), for any status:
 * `{reqId, statusCode, message, error, details?}`, the reqId of the X-Request-Id header, `details`
 * on 403 only, a list of issues as the message of a 422. Empty when it is right.
 */
export function envelopeProblems(response: Pick<Response, 'status' | 'body' | 'headers'>): string[] {
  const problems: string[] = [];
  const body = response.body as Record<string, unknown> | undefined;
  if (!String(response.headers['content-type']).startsWith('application/json')) problems.push(`content-type ${response.headers['content-type']}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [...problems, `body ${JSON.stringify(body)}`];
  const allowed = response.status === 403 ? ['reqId', 'statusCode', 'message', 'error', 'details'] : ['reqId', 'statusCode', 'message', 'error'];
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) problems.push(`unexpected keys ${extra.join(', ')}`);
  if (typeof body.reqId !== 'string' || !/^req-[A-Za-z0-9]{14}$/.test(body.reqId)) problems.push(`reqId ${String(body.reqId)}`);
  if (body.reqId !== response.headers['x-request-id']) problems.push('reqId differs from X-Request-Id');
  if (body.statusCode !== response.status) problems.push(`statusCode ${String(body.statusCode)} on a ${response.status}`);
  if (typeof body.error !== 'string' || body.error === '') problems.push(`error ${String(body.error)}`);
  const messageIsRight = response.status === 422 ? Array.isArray(body.message) && body.message.length > 0 : typeof body.message === 'string' && body.message !== '';
  if (!messageIsRight) problems.push(`message ${JSON.stringify(body.message)}`);
  return problems;
}

/** Asserts an error answer in the envelope with this status and `error` name. */
export function expectErrorEnvelope(response: Response, status: number, error: string): void {
  expect({ status: response.status, error: response.body?.error }).toEqual({ status, error });
  expect(envelopeProblems(response)).toEqual([]);
}
