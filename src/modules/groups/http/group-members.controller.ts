import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { AddGroupUserUseCase } from '../application/add-group-user.use-case';
import { ListGroupUsersUseCase } from '../application/list-group-users.use-case';
import { RemoveGroupUserUseCase } from '../application/remove-group-user.use-case';
import type { GroupUser } from '../domain/group-user';
import type { GroupUsersPage } from '../application/group-users.query';
import { GroupIdParamsDto } from './group-id-params.dto';
import { GroupUserParamsDto } from './group-user-params.dto';
import { groupUserResponse } from './group-user.schema';
import { GroupUsersQueryDto } from './group-users-query.dto';
import { ApiAddUserToGroup, ApiListGroupUsers, ApiRemoveUserFromGroup } from './group-members.docs';

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
  @ApiRemoveUserFromGroup()
  remove(@Param() params: GroupUserParamsDto, @Req() request: ServiceRequest): Promise<GroupUser> {
    return this.removeGroupUser.execute({ groupId: params.id, username: params.username }, requestContext(request)).then(groupUserResponse);
  }

  @Get()
  @ApiListGroupUsers()
  list(@Param() params: GroupIdParamsDto, @Query() query: GroupUsersQueryDto, @Req() request: ServiceRequest): Promise<GroupUsersPage> {
    return this.listGroupUsers.execute({ groupId: params.id, criteria: query }, requestContext(request));
  }

  @Post(':username')
  @HttpCode(200)
  @ApiAddUserToGroup()
  add(@Param() params: GroupUserParamsDto, @Req() request: ServiceRequest): Promise<GroupUser> {
    return this.addGroupUser.execute({ groupId: params.id, username: params.username }, requestContext(request)).then(groupUserResponse);
  }
}
