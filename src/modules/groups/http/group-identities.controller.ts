import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { AddGroupIdentityUseCase } from '../application/add-group-identity.use-case';
import { ListGroupIdentitiesUseCase } from '../application/list-group-identities.use-case';
import { ListGroupMembersUseCase } from '../application/list-group-members.use-case';
import { RemoveGroupIdentityUseCase } from '../application/remove-group-identity.use-case';
import type { GroupIdentitiesPage } from '../application/group-identities.query';
import type { GroupMembersPage } from '../application/group-members.query';
import { GroupIdParamsDto } from './group-id-params.dto';
import { GroupIdentitiesQueryDto, GroupMembersQueryDto } from './group-identities-query.dto';
import { GroupIdentityParamsDto } from './group-identity-params.dto';
import { ApiAddMachineIdentityToGroup, ApiListGroupMachineIdentities, ApiListGroupMembers, ApiRemoveMachineIdentityFromGroup } from './group-identities.docs';

@ApiTags('Groups')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/groups/:id')
export class GroupIdentitiesController {
  constructor(
    private readonly listGroupIdentities: ListGroupIdentitiesUseCase,
    private readonly addGroupIdentity: AddGroupIdentityUseCase,
    private readonly removeGroupIdentity: RemoveGroupIdentityUseCase,
    private readonly listGroupMembers: ListGroupMembersUseCase,
  ) {}

  @Get('machine-identities')
  @ApiListGroupMachineIdentities()
  listIdentities(@Param() params: GroupIdParamsDto, @Query() query: GroupIdentitiesQueryDto, @Req() request: ServiceRequest): Promise<GroupIdentitiesPage> {
    return this.listGroupIdentities.execute(params.id, query, requestContext(request));
  }

  @Post('machine-identities/:machineIdentityId')
  @HttpCode(200)
  @ApiAddMachineIdentityToGroup()
  add(@Param() params: GroupIdentityParamsDto, @Req() request: ServiceRequest): Promise<{ id: string }> {
    return this.addGroupIdentity.execute({ groupId: params.id, identityId: params.machineIdentityId }, requestContext(request));
  }

  @Delete('machine-identities/:machineIdentityId')
  @ApiRemoveMachineIdentityFromGroup()
  remove(@Param() params: GroupIdentityParamsDto, @Req() request: ServiceRequest): Promise<{ id: string }> {
    return this.removeGroupIdentity.execute({ groupId: params.id, identityId: params.machineIdentityId }, requestContext(request));
  }

  @Get('members')
  @ApiListGroupMembers()
  listMembers(@Param() params: GroupIdParamsDto, @Query() query: GroupMembersQueryDto, @Req() request: ServiceRequest): Promise<GroupMembersPage> {
    const { offset, limit, search, orderDirection = 'asc', memberTypeFilter } = query;
    return this.listGroupMembers.execute(params.id, { offset, limit, search, orderDirection, memberTypes: memberTypeFilter }, requestContext(request));
  }
}
