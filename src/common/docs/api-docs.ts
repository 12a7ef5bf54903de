import { applyDecorators } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, type OpenAPIObject, type OperationObject, type ResponseObject, type SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { SERVICE_VERSION } from '../../config/service-version';

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 422 | 429 | 500 | 503;

/** The error envelope of each status, as the seed contract publishes it (docs/contract.md, Errors). */
function errorEnvelopeSchema(status: ErrorStatus): SchemaObject {
  const properties: Record<string, SchemaObject> = {
    reqId: { type: 'string' },
    statusCode: { type: 'number', enum: [status] },
    message: status === 422 ? {} : { type: 'string' },
    error: { type: 'string' },
  };
  if (status === 403) properties.details = {};
  return {
    type: 'object',
    properties,
    required: status === 422 ? ['reqId', 'statusCode', 'error'] : ['reqId', 'statusCode', 'message', 'error'],
    additionalProperties: false,
  };
}

const ERROR_STATUSES: ErrorStatus[] = [400, 401, 403, 404, 413, 422, 429, 500, 503];

/**
 * What any route may answer, whatever it does: a body over the limit (413) or not JSON (422) is refused
 * before routing; then the rate limits (429), the database (503) and the unexpected (500).
 */
const ANY_ROUTE_STATUSES: ErrorStatus[] = [413, 422, 429, 500, 503];
/** What a route that needs a token may answer besides: a malformed `Authorization` header, no valid token, a missing permission. */
const TOKEN_ROUTE_STATUSES: ErrorStatus[] = [400, 401, 403];

/** The header of 429 and 503 answers: when to try again. */
export const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
} as const;

export function errorSchemaName(status: ErrorStatus): string {
  return `ErrorEnvelope${status}`;
}

/** The `reqId` of every example: the shape of a real one. */
export const EXAMPLE_REQ_ID = 'req-8mG2xQ4vT7nL0a';

/** An error answer as the envelope filter writes it; `reqId` defaults to EXAMPLE_REQ_ID. */
export interface ErrorExample {
  reqId?: string;
  statusCode: number;
  message: unknown;
  error: string;
  details?: unknown;
}

/** An example answer, its keys in the order of the real ones. */
export function errorExample(statusCode: ErrorStatus, error: string, message: unknown, details?: unknown): ErrorExample {
  return { statusCode, message, error, ...(details === undefined ? {} : { details }) };
}

/** What each error status means, on every route (docs/contract.md, Errors). */
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: '`BadRequest`: well formed, but it cannot be done',
  401: '`UnauthorizedError`: no token, or an unknown, expired or revoked one',
  403: '`PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details`',
  404: '`NotFound`: not in the organization of the token',
  413: '`PayloadTooLarge`: the request body is over the limit',
  422: '`ValidationFailure`: malformed input, one issue per problem',
  429: '`RateLimitExceeded`: too many requests; `Retry-After` says when to try again',
  500: '`InternalServerError`: an unexpected failure, logged with the `reqId`',
  503: '`ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again',
};

/** The answers that read the same on every route: a route gives its own examples for the other statuses. */
const COMMON_ERROR_EXAMPLES: Partial<Record<ErrorStatus, ErrorExample>> = {
  400: errorExample(400, 'BadRequest', 'The Authorization header must have the form "Bearer <token>"'),
  401: errorExample(401, 'UnauthorizedError', 'Token missing'),
  413: errorExample(413, 'PayloadTooLarge', 'Request body is too large'),
  422: errorExample(422, 'ValidationFailure', [{ code: 'invalid_json', message: 'Request body is not valid JSON', path: [] }]),
  429: errorExample(429, 'RateLimitExceeded', 'Rate limit exceeded. Please try again in 42 seconds'),
  500: errorExample(500, 'InternalServerError', 'Something went wrong'),
  503: errorExample(503, 'ServiceUnavailable', 'The database is unavailable, please retry shortly'),
};

/** One example as is; several as named examples, which Swagger UI offers in a list, each named by its message. */
function exampleContent(examples: ErrorExample | ErrorExample[] | undefined) {
  if (examples === undefined) return {};
  const withReqId = (example: ErrorExample) => ({ reqId: EXAMPLE_REQ_ID, ...example });
  if (!Array.isArray(examples)) return { example: withReqId(examples) };
  return {
    examples: Object.fromEntries(examples.map((example) => [String(example.message), { summary: String(example.message), value: withReqId(example) }])),
  };
}

/** An error answer: a reference to the status's one envelope schema, with an example, and `Retry-After` where it is sent. */
function errorResponse(status: ErrorStatus, examples: ErrorExample | ErrorExample[] | undefined): ResponseObject {
  return {
    description: ERROR_DESCRIPTIONS[status],
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER_HEADER } : {}),
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${errorSchemaName(status)}` },
        ...exampleContent(examples ?? COMMON_ERROR_EXAMPLES[status]),
      },
    },
  };
}

/**
 * Documents the error answers of a route with realistic examples: the route's own (one, or several
 * for a status with several causes), else the common one of the status. The answers every route may
 * give are added to the document by `buildApiDocument`; a route lists them only for its own example.
 */
export function ApiErrorResponses(statuses: ErrorStatus[], examples: Partial<Record<ErrorStatus, ErrorExample | ErrorExample[]>> = {}) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponse(status, examples[status]) })));
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Adds to every operation that answers errors in the envelope the answers any route may give, so that
 * a client generated from the document knows every status it can get. Operations that answer errors
 * in another format (none yet) are left as they are.
 */
function documentAnswersOfEveryRoute(document: OpenAPIObject): void {
  const envelopeRef = /^#\/components\/schemas\/ErrorEnvelope\d{3}$/;
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = pathItem[method];
      if (!operation) continue;
      const answers = Object.values(operation.responses) as ResponseObject[];
      if (!answers.some((answer) => envelopeRef.test(String((answer.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref)))) continue;
      const statuses = operation.security?.length ? [...TOKEN_ROUTE_STATUSES, ...ANY_ROUTE_STATUSES] : ANY_ROUTE_STATUSES;
      for (const status of statuses) operation.responses[status] ??= errorResponse(status, undefined);
    }
  }
}

/** The introduction at the top of Swagger UI: how to get in, and what an error looks like. */
const INTRODUCTION = [
  "Manages an organization's user groups and their memberships, compatible with the Infisical Groups API.",
  '',
  '**Getting a token.** Every `/api/v1` route needs `Authorization: Bearer <token>`. On its first start on an empty database the service creates organization `default`, user `admin` (org role `admin`) and the admin token:',
  '- the value of `INITIAL_ADMIN_TOKEN` when it is set (then it is never printed);',
  '- otherwise a random one, printed once in the start-up banner: `Admin token (shown once, keep it): gat_…`.',
  '',
  'Tokens of other users come from a fixture loaded with `npm run seed -- FILE.json` (its `tokens` entries). Machine identities get theirs from **Universal Auth Login** (public: no token needed): create an identity, attach Universal Auth, create a client secret, log in, and paste the `accessToken` to act as the identity. Press **Authorize**, paste the token, **Authorize**, **Close**: this page keeps it across reloads.',
  '',
  '**Demo data.** On the first start of the embedded default database (or with `SEED_DEMO=true`) the bundled demo fixture adds users and groups to organization `default`. The examples of the parameters below are taken from it: open an operation, press **Try it out** and **Execute**. Remove Group User with its examples answers the removed user, and `404` when executed again.',
  '',
  '**Errors.** Every error is JSON, from every route and from paths that do not exist: `{ reqId, statusCode, message, error, details? }`. `reqId` is also in the `X-Request-Id` header and in the server log line of the request. `details` appears on 403 answers only; a 422 carries the list of validation issues `{code, message, path}` as `message`; a request body that is not valid JSON is a 422 with the one issue `invalid_json`, on any path, since bodies are read before routing. Each status has one schema, `ErrorEnvelope<status>` under **Schemas**, and each operation shows an example of each of its errors.',
  '',
  'The OpenAPI document itself: [`/api/docs/json`](/api/docs/json) and [`/api/docs/yaml`](/api/docs/yaml).',
].join('\n');

export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Groups API')
    .setVersion(SERVICE_VERSION)
    .setDescription(INTRODUCTION)
    // No servers: Swagger UI then sends "Try it out" to the address the page came from, whatever PORT is.
    .addTag('Groups', "An organization's groups and their members: a member of a group holds the group's role in the organization.")
    .addTag('Identities', "An organization's machine identities: non-human actors with an org role, members of groups, calling the API with their own tokens.")
    .addTag('Universal Auth', 'How a machine identity gets its access tokens: a client ID and a client secret exchanged for a token at the public login route.')
    .addTag('Audit Logs', 'What changed, who changed it and with which request: every change writes its entry in the same transaction.')
    .addTag('Status', 'Whether the service can serve requests; public, for load balancers and monitors.')
    .addTag('SCIM tokens', 'The tokens an identity provider uses on the SCIM routes, managed with a regular token.')
    .addTag(
      'SCIM',
      'SCIM 2.0 (RFC 7643, RFC 7644) for identity providers, with a SCIM token: answers and errors in `application/scim+json`. ' +
        '`/Bulk`, `/Me` and the `.search` endpoints answer 501; a method a path does not serve, 405 with `Allow`.',
    )
    // Tokens are opaque strings, not JWTs: addBearerAuth would declare `bearerFormat: JWT`.
    .addSecurity('bearerAuth', { type: 'http', scheme: 'bearer', description: 'An access token of the organization' })
    .addSecurity('scimToken', { type: 'http', scheme: 'bearer', description: 'A SCIM token of the organization (POST /api/v1/scim/scim-tokens)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas ??= {};
  for (const status of ERROR_STATUSES) document.components.schemas[errorSchemaName(status)] = errorEnvelopeSchema(status);
  documentAnswersOfEveryRoute(document);
  return document;
}

/** Swagger UI at /api/docs, the document at /api/docs/json and /api/docs/yaml, all from local files. */
export function setupApiDocs(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildApiDocument(app), {
    jsonDocumentUrl: 'api/docs/json',
    yamlDocumentUrl: 'api/docs/yaml',
    customSiteTitle: `Groups API ${SERVICE_VERSION}`,
    swaggerOptions: {
      persistAuthorization: true,
      displayRequestDuration: true,
      // Most operations change data: sending a request takes a deliberate "Try it out".
      tryItOutEnabled: false,
      // Every tag open, every operation closed: the whole API in one screen.
      docExpansion: 'list',
      // An open operation's address can be shared.
      deepLinking: true,
    },
  });
}
