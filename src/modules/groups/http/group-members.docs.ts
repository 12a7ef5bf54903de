import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import { GROUP_EXAMPLE, GROUP_ID_EXAMPLES } from './group.schema';
import { GROUP_USER_EXAMPLE, GROUP_USER_SCHEMA, USERNAME_EXAMPLES } from './group-user.schema';
import { GROUP_USERS_PAGE_EXAMPLE, GROUP_USERS_PAGE_SCHEMA } from './group-users-page.schema';

// The OpenAPI metadata of the routes of GroupMembersController, a decorator bundle each, so that the controller reads as routes.

const { username } = GROUP_USER_EXAMPLE;
const GROUP_NOT_FOUND = errorExample(404, 'NotFound', `Failed to find group with ID ${GROUP_EXAMPLE.id}`);
const USER_NOT_FOUND = errorExample(404, 'NotFound', `Failed to find user with username ${username}`);
const MANAGED_GROUP = errorExample(400, 'BadRequest', 'The memberships of group directory-sync are managed by an identity provider and cannot be changed here');
const CANNOT_EDIT = errorExample(403, 'PermissionDenied', 'You are not allowed to edit on groups', {
  missingPermissions: [{ action: 'edit', subject: 'groups' }],
});
const USER_ANSWER = { description: 'Default Response', content: { 'application/json': { schema: GROUP_USER_SCHEMA, example: GROUP_USER_EXAMPLE } } };

export const ApiRemoveUserFromGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Remove Group User',
      operationId: 'removeUserFromGroup',
      description:
        'Removes a user from a group of the organization of the token. Needs `edit` on groups, and `remove-members` on groups. ' +
        'Answers the removed user. The user is found by username, case-insensitively, among the members of the organization.\n\n' +
        'The checks, in order, the first that fails answering: the token (401); the input (422); `edit` on groups (403 `PermissionDenied`); ' +
        'the group, in the organization of the token (404); memberships managed by an identity provider (400); `remove-members` on groups ' +
        '(403 `PermissionBoundaryError`); the user (404); the membership (404). The membership and its audit-log entry ' +
        '`remove-user-from-group` go in one transaction.\n\n' +
        'With the demo data, the examples remove Alan Turing from Engineering: executed again, they answer 404.',
    }),
    ApiParam({ name: 'id', description: 'The ID of the group to remove the user from.', schema: { type: 'string' }, examples: GROUP_ID_EXAMPLES }),
    ApiParam({ name: 'username', description: 'The username of the user to remove from the group.', schema: { type: 'string' }, examples: USERNAME_EXAMPLES }),
    ApiOkResponse(USER_ANSWER),
    ApiErrorResponses([400, 401, 403, 404, 422, 500], {
      400: MANAGED_GROUP,
      403: [
        CANNOT_EDIT,
        errorExample(403, 'PermissionBoundaryError', 'Failed to remove user from more privileged group. Actor is missing permission remove-members on groups', {
          missingPermissions: [{ action: 'remove-members', subject: 'groups' }],
        }),
      ],
      404: [GROUP_NOT_FOUND, USER_NOT_FOUND, errorExample(404, 'NotFound', `User ${username} is not part of the group ${GROUP_EXAMPLE.slug}`)],
      422: errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'id must be a UUID', path: ['id'] }]),
    }),
  );

export const ApiListGroupUsers = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Group Users',
      operationId: 'listGroupUsers',
      description:
        'Pages through the users of the organization of the token with whether each belongs to a group of that organization: ' +
        '`filter=existingMembers` keeps the members, `filter=nonMembers` the others. Ordered by first name (users without one last), ' +
        'then username. `search` matches part of a username, email, first or last name; `username` a whole username; both in any case. ' +
        'Needs `read` on groups.',
    }),
    ApiParam({ name: 'id', description: 'The ID of the group.', schema: { type: 'string', format: 'uuid' }, examples: GROUP_ID_EXAMPLES }),
    ApiOkResponse({ description: 'Default Response', content: { 'application/json': { schema: GROUP_USERS_PAGE_SCHEMA, example: GROUP_USERS_PAGE_EXAMPLE } } }),
    ApiErrorResponses([401, 403, 404, 422, 500], {
      403: errorExample(403, 'PermissionDenied', 'You are not allowed to read on groups', { missingPermissions: [{ action: 'read', subject: 'groups' }] }),
      404: GROUP_NOT_FOUND,
      422: errorExample(422, 'ValidationFailure', [
        { code: 'matches', message: 'search may contain only letters, digits, "-", "." and "@"', path: ['search'] },
      ]),
    }),
  );

export const ApiAddUserToGroup = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Add Group User',
      operationId: 'addUserToGroup',
      description:
        'Adds a user to a group of the organization of the token. Needs `edit` on groups, and `add-members` on groups. ' +
        'Answers the added user. The user is found by username, case-insensitively, among the members of the organization.\n\n' +
        'With the demo data, the examples put Alan Turing back in Engineering once Remove Group User has taken him out.',
    }),
    ApiParam({ name: 'id', description: 'The ID of the group to add the user to.', schema: { type: 'string', format: 'uuid' }, examples: GROUP_ID_EXAMPLES }),
    ApiParam({ name: 'username', description: 'The username of the user to add to the group.', schema: { type: 'string' }, examples: USERNAME_EXAMPLES }),
    ApiOkResponse(USER_ANSWER),
    ApiErrorResponses([400, 401, 403, 404, 422, 500], {
      400: [errorExample(400, 'BadRequest', `User ${username} is already part of the group ${GROUP_EXAMPLE.slug}`), MANAGED_GROUP],
      403: [
        CANNOT_EDIT,
        errorExample(403, 'PermissionBoundaryError', 'Failed to add user to more privileged group. Actor is missing permission add-members on groups', {
          missingPermissions: [{ action: 'add-members', subject: 'groups' }],
        }),
      ],
      404: [GROUP_NOT_FOUND, USER_NOT_FOUND],
      422: errorExample(422, 'ValidationFailure', [{ code: 'isNotEmpty', message: 'username must not be empty', path: ['username'] }]),
    }),
  );
