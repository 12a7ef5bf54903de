import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { CreateGroupUseCase } from '../application/create-group.use-case';
import type { Group } from '../domain/group';
import { DeleteGroupUseCase } from '../application/delete-group.use-case';
import { GetGroupUseCase } from '../application/get-group.use-case';
import { ListGroupsUseCase } from '../application/list-groups.use-case';
import { UpdateGroupUseCase } from '../application/update-group.use-case';
import { CreateGroupDto } from './create-group.dto';
import { GroupIdParamsDto } from './group-id-params.dto';
import { GroupRolesQuery } from '../application/group-roles.query';
import { groupResponse, type GroupResponse, groupWithCustomRoleResponse, type GroupWithCustomRoleResponse } from './group.schema';
import { UpdateGroupDto } from './update-group.dto';
import { ApiCreateGroup, ApiDeleteGroup, ApiGetGroupById, ApiListGroups, ApiUpdateGroup } from './groups.docs';

@ApiTags('Groups')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/groups')
export class GroupsController {
  constructor(
    private readonly createGroup: CreateGroupUseCase,
    private readonly listGroups: ListGroupsUseCase,
    private readonly getGroup: GetGroupUseCase,
    private readonly updateGroup: UpdateGroupUseCase,
    private readonly deleteGroup: DeleteGroupUseCase,
    private readonly groupRoles: GroupRolesQuery,
  ) {}

  private async answer(group: Group): Promise<GroupResponse> {
    return groupResponse(group, await this.groupRoles.customRoleIds([group]));
  }

  @Post()
  @HttpCode(200)
  @ApiCreateGroup()
  async create(@Body() body: CreateGroupDto, @Req() request: ServiceRequest): Promise<GroupResponse> {
    return this.answer(await this.createGroup.execute(body, requestContext(request)));
  }

  @Get()
  @ApiListGroups()
  async list(@Req() request: ServiceRequest): Promise<GroupResponse[]> {
    const groups = await this.listGroups.execute(requestContext(request));
    const customRoleIds = await this.groupRoles.customRoleIds(groups);
    return groups.map((group) => groupResponse(group, customRoleIds));
  }

  @Get(':id')
  @ApiGetGroupById()
  async get(@Param() params: GroupIdParamsDto, @Req() request: ServiceRequest): Promise<GroupWithCustomRoleResponse> {
    const group = await this.getGroup.execute({ groupId: params.id }, requestContext(request));
    return groupWithCustomRoleResponse(group, await this.groupRoles.customRoleIds([group]));
  }

  @Patch(':id')
  @ApiUpdateGroup()
  async update(@Param() params: GroupIdParamsDto, @Body() body: UpdateGroupDto, @Req() request: ServiceRequest): Promise<GroupResponse> {
    return this.answer(await this.updateGroup.execute({ groupId: params.id, changes: body }, requestContext(request)));
  }

  @Delete(':id')
  @ApiDeleteGroup()
  async delete(@Param() params: GroupIdParamsDto, @Req() request: ServiceRequest): Promise<GroupResponse> {
    return this.answer(await this.deleteGroup.execute({ groupId: params.id }, requestContext(request)));
  }
}
