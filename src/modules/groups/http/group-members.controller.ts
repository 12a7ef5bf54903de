import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../../common/http/api-docs';
import { requestContext, type ServiceRequest } from '../../../common/http/request-id';
import { AddGroupUserUseCase } from '../application/add-group-user.use-case';
import { ListGroupUsersUseCase } from '../application/list-group-users.use-case';
import { RemoveGroupUserUseCase } from '../application/remove-group-user.use-case';
import type { GroupUser } from '../domain/group-user';
import type { GroupUsersPage } from '../infrastructure/group-users.query';
import { GroupIdParamsDto } from './group-id-params.dto';
import { GroupUserParamsDto } from './group-user-params.dto';
import { GROUP_USER_SCHEMA, groupUserResponse } from './group-user.schema';
import { GROUP_USERS_PAGE_EXAMPLE, GROUP_USERS_PAGE_SCHEMA } from './group-users-page.schema';
import { GroupUsersQueryDto } from './group-users-query.dto';

const EXAMPLE_REQ_ID = 'req-8mG2xQ4vT7nL0a';
const EXAMPLE_GROUP_ID = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';

@ApiTags('Groups')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/groups/:id/users')
export class GroupMembersController {
  constructor(
    private readonly removeGroupUser: RemoveGroupUserUseCase,
    private readonly addGroupUser: AddGroupUserUseCase,
    private readonly listGroupUsers: ListGroupUsersUseCase,
  ) {}

  @Delete(':username')
  @ApiOperation({
    summary: 'Remove Group User',
    operationId: 'removeUserFromGroup',
    description:
      'Removes a user from a group of the organization of the token. Needs `edit` on groups, and `remove-members` on groups. ' +
      'Answers the removed user. The user is found by username, case-insensitively, among the members of the organization.',
  })
  @ApiParam({ name: 'id', description: 'The ID of the group to remove the user from.', schema: { type: 'string' } })
  @ApiParam({ name: 'username', description: 'The username of the user to remove from the group.', schema: { type: 'string' } })
  @ApiOkResponse({
    description: 'Default Response',
    content: {
      'application/json': {
        schema: GROUP_USER_SCHEMA,
        example: { id: '5f1c7e6a-2b3d-4e8f-9a10-b2c3d4e5f607', username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
      },
    },
  })
  @ApiErrorResponses([400, 401, 403, 404, 422, 500], {
    400: { reqId: EXAMPLE_REQ_ID, statusCode: 400, message: 'The memberships of group engineering are managed by an identity provider and cannot be changed here', error: 'BadRequest' },
    401: { reqId: EXAMPLE_REQ_ID, statusCode: 401, message: 'Token missing', error: 'UnauthorizedError' },
    403: {
      reqId: EXAMPLE_REQ_ID,
      statusCode: 403,
      message: 'You are not allowed to edit on groups',
      error: 'PermissionDenied',
      details: { missingPermissions: [{ action: 'edit', subject: 'groups' }] },
    },
    404: { reqId: EXAMPLE_REQ_ID, statusCode: 404, message: `Failed to find group with ID ${EXAMPLE_GROUP_ID}`, error: 'NotFound' },
    422: { reqId: EXAMPLE_REQ_ID, statusCode: 422, message: [{ code: 'matches', message: 'id must be a UUID', path: ['id'] }], error: 'ValidationFailure' },
    500: { reqId: EXAMPLE_REQ_ID, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' },
  })
  remove(@Param() params: GroupUserParamsDto, @Req() request: ServiceRequest): Promise<GroupUser> {
    return this.removeGroupUser.execute({ groupId: params.id, username: params.username }, requestContext(request)).then(groupUserResponse);
  }

  @Get()
  @ApiOperation({
    summary: 'List Group Users',
    operationId: 'listGroupUsers',
    description:
      'Pages through the users of the organization of the token with whether each belongs to a group of that organization: ' +
      '`filter=existingMembers` keeps the members, `filter=nonMembers` the others. Ordered by first name (users without one last), ' +
      'then username. `search` matches part of a username, email, first or last name; `username` a whole username; both in any case. ' +
      'Needs `read` on groups.',
  })
  @ApiParam({ name: 'id', description: 'The ID of the group.', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ description: 'Default Response', content: { 'application/json': { schema: GROUP_USERS_PAGE_SCHEMA, example: GROUP_USERS_PAGE_EXAMPLE } } })
  @ApiErrorResponses([401, 403, 404, 422, 500], {
    401: { reqId: EXAMPLE_REQ_ID, statusCode: 401, message: 'Token missing', error: 'UnauthorizedError' },
    403: {
      reqId: EXAMPLE_REQ_ID,
      statusCode: 403,
      message: 'You are not allowed to read on groups',
      error: 'PermissionDenied',
      details: { missingPermissions: [{ action: 'read', subject: 'groups' }] },
    },
    404: { reqId: EXAMPLE_REQ_ID, statusCode: 404, message: `Failed to find group with ID ${EXAMPLE_GROUP_ID}`, error: 'NotFound' },
    422: {
      reqId: EXAMPLE_REQ_ID,
      statusCode: 422,
      message: [{ code: 'matches', message: 'search may contain only letters, digits, "-", "." and "@"', path: ['search'] }],
      error: 'ValidationFailure',
    },
    500: { reqId: EXAMPLE_REQ_ID, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' },
  })
  list(@Param() params: GroupIdParamsDto, @Query() query: GroupUsersQueryDto, @Req() request: ServiceRequest): Promise<GroupUsersPage> {
    return this.listGroupUsers.execute({ groupId: params.id, criteria: query }, requestContext(request));
  }

  @Post(':username')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add Group User',
    operationId: 'addUserToGroup',
    description:
      'Adds a user to a group of the organization of the token. Needs `edit` on groups, and `add-members` on groups. ' +
      'Answers the added user. The user is found by username, case-insensitively, among the members of the organization.',
  })
  @ApiParam({ name: 'id', description: 'The ID of the group to add the user to.', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'username', description: 'The username of the user to add to the group.', schema: { type: 'string' } })
  @ApiOkResponse({
    description: 'Default Response',
    content: {
      'application/json': {
        schema: GROUP_USER_SCHEMA,
        example: { id: '5f1c7e6a-2b3d-4e8f-9a10-b2c3d4e5f607', username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
      },
    },
  })
  @ApiErrorResponses([400, 401, 403, 404, 422, 500], {
    400: { reqId: EXAMPLE_REQ_ID, statusCode: 400, message: 'User alice@acme.test is already part of the group engineering', error: 'BadRequest' },
    401: { reqId: EXAMPLE_REQ_ID, statusCode: 401, message: 'Token missing', error: 'UnauthorizedError' },
    403: {
      reqId: EXAMPLE_REQ_ID,
      statusCode: 403,
      message: 'Failed to add user to more privileged group. Actor is missing permission add-members on groups',
      error: 'PermissionBoundaryError',
      details: { missingPermissions: [{ action: 'add-members', subject: 'groups' }] },
    },
    404: { reqId: EXAMPLE_REQ_ID, statusCode: 404, message: 'Failed to find user with username alice@acme.test', error: 'NotFound' },
    422: { reqId: EXAMPLE_REQ_ID, statusCode: 422, message: [{ code: 'isNotEmpty', message: 'username must not be empty', path: ['username'] }], error: 'ValidationFailure' },
    500: { reqId: EXAMPLE_REQ_ID, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' },
  })
  add(@Param() params: GroupUserParamsDto, @Req() request: ServiceRequest): Promise<GroupUser> {
    return this.addGroupUser.execute({ groupId: params.id, username: params.username }, requestContext(request)).then(groupUserResponse);
  }
}
