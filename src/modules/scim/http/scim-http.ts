import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { refuseDeepJson } from '../../../common/pipeline/json-depth';
import type { ServiceRequest } from '../../../common/pipeline/request-id';
import type { ScimClient, ScimRequestContext } from '../../../common/request-context';
import { AttributeSelection, type ScimBaseUrl } from '../application/scim-resources';
import { ERROR_SCHEMA } from '../application/scim-schemas';
import { isObject } from '../application/scim-values';
import { invalidSyntax, ScimError } from '../domain/scim-error';

/** Where the SCIM routes are. */
export const SCIM_ROOT = '/api/v1/scim';
export const SCIM_MEDIA_TYPE = 'application/scim+json; charset=utf-8';
/** Bodies of SCIM requests may be this large (the regular API keeps its own, smaller limit). */
export const SCIM_BODY_LIMIT = '1mb';

/** The request of a SCIM route once the SCIM guard has accepted its token. */
export interface ScimRequest extends ServiceRequest {
  scimClient?: ScimClient;
}

/** Whether a path (relative to SCIM_ROOT) is a SCIM route: all of them but the token routes of the regular API. */
export function isScimPath(relativePath: string): boolean {
  return !/^\/scim-tokens(\/|$)/i.test(relativePath);
}

/** Ends `response` with a SCIM JSON body (or none), as the SCIM routes answer. */
export function writeScim(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const json = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'Content-Type': SCIM_MEDIA_TYPE, 'Content-Length': Buffer.byteLength(json) }) });
  response.end(json);
}

/** The SCIM error schema (RFC 7644 section 3.12), with the status as a string. */
export function scimErrorBody(status: number, detail: string, scimType?: string) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

function refuse(response: Response, error: ScimError): void {
  writeScim(response, error.status, scimErrorBody(error.status, error.detail, error.scimType), error.headers);
}

const ACCEPTED_TYPE = /^application\/(scim\+)?json\s*(;|$)/i;

/**
 * Bodies of SCIM routes, mounted at SCIM_ROOT before the regular parser: `application/scim+json` or
 * `application/json` up to 1 MiB, refused in the SCIM error schema (415, 413, 400 `invalidSyntax`).
 * The parsed request is marked parsed, and the regular parser leaves it alone.
 */
export function parseScimBodies(): RequestHandler {
  const parse = json({ limit: SCIM_BODY_LIMIT, type: () => true, verify: refuseDeepJson });
  return (request: Request, response: Response, next: NextFunction) => {
    if (!isScimPath(request.path)) return next();
    const length = request.headers['content-length'];
    if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) return next();
    if (!ACCEPTED_TYPE.test(request.headers['content-type'] ?? '')) {
      return refuse(response, new ScimError(415, 'A SCIM request body must be application/scim+json or application/json'));
    }
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status;
      if (status === 413) return refuse(response, new ScimError(413, `The request body is larger than ${SCIM_BODY_LIMIT.replace('mb', ' MiB')}`));
      if (status === 415) return refuse(response, new ScimError(415, 'The charset of the request body is not supported'));
      refuse(response, invalidSyntax('The request body is not valid JSON, or is nested too deeply'));
    });
  };
}

/** The body of a SCIM write: a JSON object, else 400 `invalidSyntax`. */
export function scimBody(request: Request): Record<string, unknown> {
  if (!isObject(request.body)) throw invalidSyntax('The request body must be a JSON object');
  return request.body;
}

export function scimContext(request: ScimRequest): ScimRequestContext {
  if (!request.scimClient) throw new Error('scimContext() on a route without a SCIM client');
  return {
    client: request.scimClient,
    reqId: request.reqId,
    ipAddress: request.ip !== undefined && isIP(request.ip) !== 0 ? request.ip : null,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
  };
}

/** Scheme and host as the request gave them, and the SCIM root: the base of `meta.location`. */
export function baseUrl(request: Request): ScimBaseUrl {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}${SCIM_ROOT}`;
}

/** A query parameter as one string (the first, when repeated). */
export function queryValue(request: Request, name: string): string | undefined {
  const key = Object.keys(request.query).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : request.query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export function selection(request: Request, urn: string): AttributeSelection {
  return AttributeSelection.of(queryValue(request, 'attributes'), queryValue(request, 'excludedAttributes'), urn);
}

export function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
