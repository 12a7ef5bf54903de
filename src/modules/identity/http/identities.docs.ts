import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import { IDENTITY_EXAMPLE, IDENTITY_ID_PARAM, IDENTITY_MEMBERSHIP_EXAMPLE, IDENTITY_MEMBERSHIP_SCHEMA, IDENTITY_SCHEMA } from './identity.schema';

// The OpenAPI metadata of the routes of IdentitiesController, a decorator bundle each, so that the controller reads as routes.

const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on identity`, { missingPermissions: [{ action, subject: 'identity' }] });
const NOT_FOUND = errorExample(404, 'NotFound', `Failed to find identity with id ${IDENTITY_EXAMPLE.id}`);
const BAD_ID = errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] }]);
const answer = (key: string, schema: SchemaObject, example: unknown) => ({
  description: 'Default Response',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { [key]: schema }, required: [key], additionalProperties: false },
      example: { [key]: example },
    },
  },
});
const boundary = (operation: string) =>
  errorExample(403, 'PermissionBoundaryError', `Failed to ${operation} identity. Actor is missing permission grant-privileges on identity`, {
    missingPermissions: [{ action: 'delete', subject: 'identity' }],
  });

export const ApiCreateMachineIdentity = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Create Identity',
      operationId: 'createMachineIdentity',
      description:
        'Creates a machine identity in the organization of the token. Needs `create` on identity; a role that grants more than the actor holds ' +
        'also needs `grant-privileges` on identity. Names are unique in the organization, whatever their case.\n\n' +
        'The checks, in order: the token (401); the input (422); `create` on identity (403); `organizationId`, when given, the organization of ' +
        'the token (404); the role exists (400); `grant-privileges` (403 `PermissionBoundaryError`); the name is free (400).',
    }),
    ApiOkResponse(answer('identity', IDENTITY_SCHEMA, { ...IDENTITY_EXAMPLE, authMethods: [] })),
    ApiErrorResponses([400, 401, 403, 404, 413, 422, 500], {
      400: [
        errorExample(400, 'BadRequest', 'Role auditor does not exist in the organization'),
        errorExample(400, 'BadRequest', 'An identity with name ci-deployer already exists in the organization'),
      ],
      403: [denied('create'), boundary('create')],
      404: errorExample(404, 'NotFound', `Failed to find organization with ID ${IDENTITY_EXAMPLE.id}`),
      422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'name must be 1 to 64 characters', path: ['name'] }]),
    }),
  );

export const ApiListMachineIdentities = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Identities',
      operationId: 'listMachineIdentities',
      description: 'Pages through the machine identities of the organization of the token, by name in any case, then ID. Needs `read` on identity.',
    }),
    ApiOkResponse({
      description: 'Default Response',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              identities: { type: 'array', items: IDENTITY_MEMBERSHIP_SCHEMA },
              totalCount: { type: 'integer', description: 'How many identities match, over all pages.' },
            },
            required: ['identities', 'totalCount'],
            additionalProperties: false,
          },
          example: { identities: [IDENTITY_MEMBERSHIP_EXAMPLE], totalCount: 1 },
        },
      },
    }),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: denied('read'),
      404: errorExample(404, 'NotFound', `Failed to find organization with ID ${IDENTITY_EXAMPLE.id}`),
      422: errorExample(422, 'ValidationFailure', [{ code: 'max', message: 'limit must be at most 100', path: ['limit'] }]),
    }),
  );

export const ApiGetMachineIdentity = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Get Identity By ID',
      operationId: 'getMachineIdentity',
      description: 'One machine identity of the organization of the token. Needs `read` on identity.',
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(answer('identity', IDENTITY_MEMBERSHIP_SCHEMA, IDENTITY_MEMBERSHIP_EXAMPLE)),
    ApiErrorResponses([401, 403, 404, 422, 500], { 403: denied('read'), 404: NOT_FOUND, 422: BAD_ID }),
  );

export const ApiUpdateMachineIdentity = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Update Identity',
      operationId: 'updateMachineIdentity',
      description:
        'Changes the name, role or delete protection of a machine identity of the organization of the token; a field left out keeps its value. ' +
        'Needs `edit` on identity; a role that grants more than the actor holds also needs `grant-privileges` on identity.',
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(answer('identity', IDENTITY_SCHEMA, IDENTITY_EXAMPLE)),
    ApiErrorResponses([400, 401, 403, 404, 413, 422, 500], {
      400: [
        errorExample(400, 'BadRequest', 'Role auditor does not exist in the organization'),
        errorExample(400, 'BadRequest', 'An identity with name ci-deployer already exists in the organization'),
      ],
      403: [denied('edit'), boundary('update')],
      404: NOT_FOUND,
      422: BAD_ID,
    }),
  );

export const ApiDeleteMachineIdentity = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Delete Identity',
      operationId: 'deleteMachineIdentity',
      description:
        'Deletes a machine identity of the organization of the token, with its Universal Auth, client secrets, access tokens and group memberships. ' +
        'Needs `delete` on identity; an identity with delete protection is refused. Answers the identity as it was.',
    }),
    ApiParam(IDENTITY_ID_PARAM),
    ApiOkResponse(answer('identity', IDENTITY_SCHEMA, IDENTITY_EXAMPLE)),
    ApiErrorResponses([400, 401, 403, 404, 422, 500], {
      400: errorExample(400, 'BadRequest', 'Identity has delete protection'),
      403: denied('delete'),
      404: NOT_FOUND,
      422: BAD_ID,
    }),
  );
