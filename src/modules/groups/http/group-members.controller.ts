import { Controller, Delete, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../../common/http/api-docs';
import { requestContext, type ServiceRequest } from '../../../common/http/request-id';
import { RemoveGroupUserUseCase } from '../application/remove-group-user.use-case';
import type { GroupUser } from '../domain/group-user';
import { GroupUserParamsDto } from './group-user-params.dto';
import { GROUP_USER_SCHEMA, groupUserResponse } from './group-user.schema';

const EXAMPLE_REQ_ID = 'req-8mG2xQ4vT7nL0a';
const EXAMPLE_GROUP_ID = '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01';

@ApiTags('Groups')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/groups/:id/users')
export class GroupMembersController {
  constructor(private readonly removeGroupUser: RemoveGroupUserUseCase) {}

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
}
