import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrorResponses, type ErrorExample, errorExample, type ErrorStatus } from '../../../common/docs/api-docs';
import { GROUP_EXAMPLE, GROUP_ID_EXAMPLES, GROUP_SCHEMA, GROUP_WITH_CUSTOM_ROLE_SCHEMA, type GroupResponse } from './group.schema';

// The OpenAPI metadata of the routes of GroupsController, a decorator bundle each, so that the controller reads as routes.

/** The error answers every group route may give, with an example each; `overrides` puts the route's own. */
function ApiGroupErrors(statuses: ErrorStatus[], overrides: Partial<Record<ErrorStatus, ErrorExample>> = {}) {
  const examples: Partial<Record<ErrorStatus, ErrorExample>> = {
    404: errorExample(404, 'NotFound', `Failed to find group with ID ${GROUP_EXAMPLE.id}`),
    422: errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'id must be a UUID', path: ['id'] }]),
    ...overrides,
  };
  return ApiErrorResponses(statuses, examples);
}

const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on groups`, { missingPermissions: [{ action, subject: 'groups' }] });

const GROUP_ID_PARAM = { name: 'id', description: 'The ID of the group.', schema: { type: 'string', format: 'uuid' }, examples: GROUP_ID_EXAMPLES } as const;
const groupAnswer = (example: GroupResponse) => ({ description: 'Default Response', content: { 'application/json': { schema: GROUP_SCHEMA, example } } });
const GROUP_RESPONSE = groupAnswer(GROUP_EXAMPLE);

export const ApiCreateGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Create Group',
      operationId: 'createGroup',
      description:
        'Creates a group in the organization of the token. Needs `create` on groups. A group whose role grants more than the actor holds ' +
        'also needs `grant-privileges` on groups. Without a slug, one is derived from the name. Answers the created group.',
    }),
    ApiOkResponse(
      groupAnswer({
        ...GROUP_EXAMPLE,
        id: '6c0f3e8a-91b2-4d7e-a5c4-8f1e2d3b4a50',
        name: 'Platform',
        slug: 'platform',
        createdAt: '2026-02-02T10:00:00.000Z',
        updatedAt: '2026-02-02T10:00:00.000Z',
      }),
    ),
    ApiGroupErrors([400, 401, 403, 413, 422, 500], {
      400: errorExample(400, 'BadRequest', 'A group with slug platform already exists in the organization'),
      403: errorExample(403, 'PermissionBoundaryError', 'Failed to create a more privileged group. Actor is missing permission grant-privileges on groups', {
        missingPermissions: [{ action: 'grant-privileges', subject: 'groups' }],
      }),
      422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'name must be 1 to 50 characters', path: ['name'] }]),
    }),
  );

export const ApiListGroups = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Groups',
      operationId: 'listGroups',
      description: 'Lists the groups of the organization of the token, ordered by name. Needs `read` on groups.',
    }),
    ApiOkResponse({
      description: 'Default Response',
      content: { 'application/json': { schema: { type: 'array', items: GROUP_SCHEMA }, example: [GROUP_EXAMPLE] } },
    }),
    ApiGroupErrors([401, 403, 500], { 403: denied('read') }),
  );

export const ApiGetGroupById = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Get Group By ID',
      operationId: 'getGroupById',
      description: 'Answers one group of the organization of the token. Needs `read` on groups.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiOkResponse({
      description: 'Default Response',
      content: { 'application/json': { schema: GROUP_WITH_CUSTOM_ROLE_SCHEMA, example: { ...GROUP_EXAMPLE, customRoleSlug: null } } },
    }),
    ApiGroupErrors([401, 403, 404, 422, 500], { 403: denied('read') }),
  );

export const ApiUpdateGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Update Group',
      operationId: 'updateGroup',
      description:
        'Changes the name, slug or role of a group of the organization of the token; a field left out keeps its value. Needs `edit` on groups; ' +
        'giving the group a role that grants more than the actor holds also needs `grant-privileges` on groups. Answers the updated group.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiOkResponse(groupAnswer({ ...GROUP_EXAMPLE, name: 'Platform engineering', slug: 'platform-engineering', updatedAt: '2026-02-02T10:05:00.000Z' })),
    ApiGroupErrors([400, 401, 403, 404, 413, 422, 500], {
      400: errorExample(400, 'BadRequest', 'Role auditor does not exist in the organization'),
      403: denied('edit'),
    }),
  );

export const ApiDeleteGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Delete Group',
      operationId: 'deleteGroup',
      description: 'Deletes a group of the organization of the token, and its memberships. Needs `delete` on groups. Answers the deleted group.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiOkResponse(GROUP_RESPONSE),
    ApiGroupErrors([401, 403, 404, 422, 500], { 403: denied('delete') }),
  );
