import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import type { ScimTokenRecord } from '../domain/scim-token';

// The OpenAPI metadata of the routes of ScimTokensController, a decorator bundle each, so that the controller reads as routes.

const nullableTime: SchemaObject = { type: 'string', format: 'date-time', nullable: true };
const RECORD_PROPERTIES: Record<string, SchemaObject> = {
  id: { type: 'string', format: 'uuid' },
  orgId: { type: 'string', format: 'uuid' },
  description: { type: 'string' },
  ttlDays: { type: 'integer', description: '0: never expires' },
  expiresAt: nullableTime,
  lastUsedAt: nullableTime,
  createdAt: { type: 'string', format: 'date-time' },
};
const RECORD_SCHEMA: SchemaObject = { type: 'object', properties: RECORD_PROPERTIES, required: Object.keys(RECORD_PROPERTIES), additionalProperties: false };
const RECORD_EXAMPLE: ScimTokenRecord = {
  id: '8d1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f',
  orgId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  description: 'Okta',
  ttlDays: 365,
  expiresAt: '2027-02-02T10:00:00.000Z',
  lastUsedAt: null,
  createdAt: '2026-02-02T10:00:00.000Z',
};
const answer = (schema: SchemaObject, example: unknown) => ({ description: 'Default Response', content: { 'application/json': { schema, example } } });
const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on scim`, { missingPermissions: [{ action, subject: 'scim' }] });

export const ApiCreateScimToken = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Create SCIM Token',
      operationId: 'createScimToken',
      description:
        'Creates a SCIM token of the organization of the token, for an identity provider to call the SCIM routes with. Needs `create` on scim. ' +
        'The secret `scimToken` is in this answer only; it is stored as a hash.',
    }),
    ApiOkResponse(
      answer(
        { ...RECORD_SCHEMA, properties: { scimToken: { type: 'string' }, ...RECORD_PROPERTIES }, required: ['scimToken', ...Object.keys(RECORD_PROPERTIES)] },
        { scimToken: 'scim_3q2-7wYtZ0a9vB4xK1mN6pR8sT5uV2wX9yZ0aB3cD4e', ...RECORD_EXAMPLE },
      ),
    ),
    ApiErrorResponses([401, 403, 404, 413, 422, 500], {
      403: denied('create'),
      404: errorExample(404, 'NotFound', 'Failed to find organization with ID globex'),
      422: errorExample(422, 'ValidationFailure', [{ code: 'max', message: 'ttlDays must be 0 to 730', path: ['ttlDays'] }]),
    }),
  );

export const ApiListScimTokens = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List SCIM Tokens',
      operationId: 'listScimTokens',
      description: 'Lists the SCIM tokens of the organization of the token, newest first, without their secrets. Needs `read` on scim.',
    }),
    ApiOkResponse(
      answer(
        { type: 'object', properties: { scimTokens: { type: 'array', items: RECORD_SCHEMA } }, required: ['scimTokens'], additionalProperties: false },
        { scimTokens: [RECORD_EXAMPLE] },
      ),
    ),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: denied('read'),
      404: errorExample(404, 'NotFound', 'Failed to find organization with ID globex'),
      422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'organizationId must be 1 to 64 characters', path: ['organizationId'] }]),
    }),
  );

export const ApiDeleteScimToken = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Delete SCIM Token',
      operationId: 'deleteScimToken',
      description: 'Deletes a SCIM token of the organization of the token, which revokes it at once. Needs `delete` on scim.',
    }),
    ApiParam({
      name: 'id',
      description: 'The ID of the SCIM token.',
      schema: { type: 'string', format: 'uuid' },
      examples: { token: { summary: 'A SCIM token', value: RECORD_EXAMPLE.id } },
    }),
    ApiOkResponse(
      answer({ type: 'object', properties: { scimToken: RECORD_SCHEMA }, required: ['scimToken'], additionalProperties: false }, { scimToken: RECORD_EXAMPLE }),
    ),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: denied('delete'),
      404: errorExample(404, 'NotFound', `Failed to find SCIM token with ID ${RECORD_EXAMPLE.id}`),
      422: errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'id must be a UUID', path: ['id'] }]),
    }),
  );
