import { applyDecorators } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SERVICE_VERSION } from '../../config/service-version';

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 422 | 429 | 500 | 503;

/** The error envelope of each status, as the seed contract publishes it (CONTRACT section 4). */
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

export function errorSchemaName(status: ErrorStatus): string {
  return `ErrorEnvelope${status}`;
}

/**
 * Documents the error answers of a route, each a reference to its one envelope schema. `examples`
 * gives a realistic body per status for Swagger UI.
 */
export function ApiErrorResponses(statuses: ErrorStatus[], examples: Partial<Record<ErrorStatus, unknown>> = {}) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: 'Default Response',
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${errorSchemaName(status)}` },
            ...(examples[status] === undefined ? {} : { example: examples[status] }),
          },
        },
      }),
    ),
  );
}

export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Groups API')
    .setVersion(SERVICE_VERSION)
    .setDescription(
      [
        "Manages an organization's user groups and their memberships, compatible with the Infisical Groups API.",
        '',
        '**Getting a token.** Every `/api/v1` route needs `Authorization: Bearer <token>`. On its first start on an empty database the service creates organization `default`, user `admin` and an admin token: the one in `INITIAL_ADMIN_TOKEN`, or a random one printed once in the start-up banner. Tokens can also be loaded from a fixture (`npm run seed -- FILE.json`). Press **Authorize** and paste the token.',
        '',
        '**Errors.** Every error is JSON: `{ reqId, statusCode, message, error, details? }`. `reqId` is also in the `X-Request-Id` header and in the server log. `details` appears on 403 answers only; a 422 carries the list of validation issues `{code, message, path}` as `message`; a request body that is not valid JSON is a 422 with the one issue `invalid_json`, on any path, since bodies are read before routing.',
      ].join('\n'),
    )
    .addServer('http://localhost:8080', 'Local server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token of the organization' }, 'bearerAuth')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas ??= {};
  for (const status of ERROR_STATUSES) document.components.schemas[errorSchemaName(status)] = errorEnvelopeSchema(status);
  return document;
}

/** Swagger UI at /api/docs, the document at /api/docs/json and /api/docs/yaml, all from local files. */
export function setupApiDocs(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildApiDocument(app), {
    jsonDocumentUrl: 'api/docs/json',
    yamlDocumentUrl: 'api/docs/yaml',
    customSiteTitle: 'Groups API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: false },
  });
}
