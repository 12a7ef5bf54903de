import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import { GROUP_EXAMPLE, GROUP_ID_EXAMPLES } from './group.schema';

// The OpenAPI metadata of the routes of GroupIdentitiesController, a decorator bundle each, so that the controller reads as routes.

const IDENTITY_ID = '5b0e6f7a-2c1d-4e3f-8a9b-0c1d2e3f4a5b';
const GROUP_NOT_FOUND = errorExample(404, 'NotFound', `Failed to find group with ID ${GROUP_EXAMPLE.id}`);
const IDENTITY_NOT_IN_ORG = errorExample(404, 'NotFound', `Identity with id ${IDENTITY_ID} is not part of the organization`);
const MANAGED_GROUP = errorExample(400, 'BadRequest', 'The memberships of group directory-sync are managed by an identity provider and cannot be changed here');
const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on groups`, { missingPermissions: [{ action, subject: 'groups' }] });
const GROUP_ID_PARAM = { name: 'id', description: 'The ID of the group.', schema: { type: 'string', format: 'uuid' }, examples: GROUP_ID_EXAMPLES } as const;
const IDENTITY_PARAM = {
  name: 'machineIdentityId',
  description: 'The ID of the machine identity.',
  schema: { type: 'string', format: 'uuid' },
  examples: { identity: { summary: 'An identity ID', value: IDENTITY_ID } },
} as const;
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const joined: SchemaObject = { type: 'string', format: 'date-time' };
const ID_ANSWER = {
  description: 'Default Response',
  content: {
    'application/json': { schema: { type: 'object', properties: { id: uuid }, required: ['id'], additionalProperties: false }, example: { id: IDENTITY_ID } },
  },
};
const strict = (properties: Record<string, SchemaObject>): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

const IDENTITIES_PAGE_SCHEMA = strict({
  machineIdentities: {
    type: 'array',
    items: strict({ id: uuid, name: { type: 'string' }, isPartOfGroup: { type: 'boolean' }, joinedGroupAt: { ...joined, nullable: true } }),
  },
  totalCount: { type: 'integer', description: 'How many identities match, over all pages.' },
});
const USER_MEMBER = strict({
  id: uuid,
  joinedGroupAt: joined,
  type: { type: 'string', enum: ['user'] },
  user: strict({
    id: uuid,
    email: { type: 'string', nullable: true },
    username: { type: 'string' },
    firstName: { type: 'string', nullable: true },
    lastName: { type: 'string', nullable: true },
  }),
});
const IDENTITY_MEMBER = strict({
  id: uuid,
  joinedGroupAt: joined,
  type: { type: 'string', enum: ['machineIdentity'] },
  machineIdentity: strict({ id: uuid, name: { type: 'string' } }),
});
const MEMBERS_PAGE_SCHEMA = strict({
  members: { type: 'array', items: { oneOf: [USER_MEMBER, IDENTITY_MEMBER] } },
  totalCount: { type: 'integer', description: 'How many members match, over all pages.' },
});

export const ApiListGroupMachineIdentities = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Group Machine Identities',
      operationId: 'listGroupMachineIdentities',
      description:
        'Pages through the machine identities of the organization of the token with whether each belongs to a group: `filter=assignedMachineIdentities` ' +
        'keeps the members, `filter=nonAssignedMachineIdentities` the others. Ordered by name in any case, then ID. Needs `read` on groups.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiOkResponse({
      description: 'Default Response',
      content: {
        'application/json': {
          schema: IDENTITIES_PAGE_SCHEMA,
          example: {
            machineIdentities: [{ id: IDENTITY_ID, name: 'ci-deployer', isPartOfGroup: true, joinedGroupAt: '2026-01-16T08:00:00.000Z' }],
            totalCount: 1,
          },
        },
      },
    }),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: denied('read'),
      404: GROUP_NOT_FOUND,
      422: errorExample(422, 'ValidationFailure', [
        { code: 'matches', message: 'Invalid pattern: only alphanumeric characters, - are allowed.', path: ['search'] },
      ]),
    }),
  );

export const ApiAddMachineIdentityToGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Add Group Machine Identity',
      operationId: 'addMachineIdentityToGroup',
      description:
        'Adds a machine identity of the organization of the token to a group. Needs `edit` on groups, and `add-identities` on groups.\n\n' +
        'The checks, in order: the token (401); the input (422); `edit` on groups (403 `PermissionDenied`); the group, in the organization of the token (404); ' +
        'memberships managed by an identity provider (400); `add-identities` on groups (403 `PermissionBoundaryError`); the identity, in the organization (404); ' +
        'not yet a member (400). The membership and its audit-log entry `add-identity-to-group` go in one transaction.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiParam(IDENTITY_PARAM),
    ApiOkResponse(ID_ANSWER),
    ApiErrorResponses([400, 401, 403, 404, 422, 500], {
      400: [errorExample(400, 'BadRequest', `Identity is already part of the group ${GROUP_EXAMPLE.slug}`), MANAGED_GROUP],
      403: [
        denied('edit'),
        errorExample(403, 'PermissionBoundaryError', 'Failed to add identity to more privileged group. Actor is missing permission add-identities on groups', {
          missingPermissions: [{ action: 'add-identities', subject: 'groups' }],
        }),
      ],
      404: [GROUP_NOT_FOUND, IDENTITY_NOT_IN_ORG],
      422: errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'machineIdentityId must be a UUID', path: ['machineIdentityId'] }]),
    }),
  );

export const ApiRemoveMachineIdentityFromGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Remove Group Machine Identity',
      operationId: 'removeMachineIdentityFromGroup',
      description:
        'Removes a machine identity from a group of the organization of the token. Needs `edit` on groups, and `remove-identities` on groups.\n\n' +
        'The checks, in order: the token (401); the input (422); `edit` on groups (403 `PermissionDenied`); the group, in the organization of the token (404); ' +
        'memberships managed by an identity provider (400); `remove-identities` on groups (403 `PermissionBoundaryError`); the identity, in the organization (404); ' +
        'the membership (404). The membership and its audit-log entry `remove-identity-from-group` go in one transaction.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiParam(IDENTITY_PARAM),
    ApiOkResponse(ID_ANSWER),
    ApiErrorResponses([400, 401, 403, 404, 422, 500], {
      400: MANAGED_GROUP,
      403: [
        denied('edit'),
        errorExample(
          403,
          'PermissionBoundaryError',
          'Failed to remove identity from more privileged group. Actor is missing permission remove-identities on groups',
          {
            missingPermissions: [{ action: 'remove-identities', subject: 'groups' }],
          },
        ),
      ],
      404: [GROUP_NOT_FOUND, IDENTITY_NOT_IN_ORG, errorExample(404, 'NotFound', `Machine identities are not part of the group ${GROUP_EXAMPLE.slug}`)],
      422: errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'machineIdentityId must be a UUID', path: ['machineIdentityId'] }]),
    }),
  );

export const ApiListGroupMembers = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Group Members',
      operationId: 'listGroupMembers',
      description:
        "Pages through the members of a group, users and machine identities together, by name (a user's full name, else its username; an identity's name), " +
        'in any case, then ID. `memberTypeFilter` keeps one kind. Needs `read` on groups.',
    }),
    ApiParam(GROUP_ID_PARAM),
    ApiOkResponse({
      description: 'Default Response',
      content: {
        'application/json': {
          schema: MEMBERS_PAGE_SCHEMA,
          example: {
            members: [
              {
                id: '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34',
                joinedGroupAt: '2026-01-15T09:30:00.000Z',
                type: 'user',
                user: {
                  id: '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34',
                  email: 'alan.turing@example.com',
                  username: 'alan.turing@example.com',
                  firstName: 'Alan',
                  lastName: 'Turing',
                },
              },
              {
                id: IDENTITY_ID,
                joinedGroupAt: '2026-01-16T08:00:00.000Z',
                type: 'machineIdentity',
                machineIdentity: { id: IDENTITY_ID, name: 'ci-deployer' },
              },
            ],
            totalCount: 2,
          },
        },
      },
    }),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: denied('read'),
      404: GROUP_NOT_FOUND,
      422: errorExample(422, 'ValidationFailure', [
        { code: 'matches', message: 'Invalid pattern: only alphanumeric characters, -, ., @ are allowed.', path: ['search'] },
      ]),
    }),
  );
