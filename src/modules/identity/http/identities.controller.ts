import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { CreateIdentityUseCase } from '../application/create-identity.use-case';
import { DeleteIdentityUseCase } from '../application/delete-identity.use-case';
import { GetIdentityUseCase } from '../application/get-identity.use-case';
import { ListIdentitiesUseCase } from '../application/list-identities.use-case';
import { UpdateIdentityUseCase } from '../application/update-identity.use-case';
import { assertSameAsPath } from './identity-input';
import { CreateIdentityDto, IdentityIdBodyDto, IdentityIdParamsDto, ListIdentitiesQueryDto, UpdateIdentityDto } from './identity.dto';
import { identityMembershipResponse, type IdentityMembershipResponse, identityResponse, type IdentityResponse } from './identity.schema';
import {
  ApiCreateMachineIdentity,
  ApiDeleteMachineIdentity,
  ApiGetMachineIdentity,
  ApiListMachineIdentities,
  ApiUpdateMachineIdentity,
} from './identities.docs';

@ApiTags('Identities')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/identities')
export class IdentitiesController {
  constructor(
    private readonly createIdentity: CreateIdentityUseCase,
    private readonly listIdentities: ListIdentitiesUseCase,
    private readonly getIdentity: GetIdentityUseCase,
    private readonly updateIdentity: UpdateIdentityUseCase,
    private readonly deleteIdentity: DeleteIdentityUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiCreateMachineIdentity()
  async create(@Body() body: CreateIdentityDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityResponse }> {
    return { identity: identityResponse(await this.createIdentity.execute(body, requestContext(request))) };
  }

  @Get()
  @ApiListMachineIdentities()
  async list(
    @Query() query: ListIdentitiesQueryDto,
    @Req() request: ServiceRequest,
  ): Promise<{ identities: IdentityMembershipResponse[]; totalCount: number }> {
    const page = await this.listIdentities.execute(query, requestContext(request));
    return { identities: page.identities.map(identityMembershipResponse), totalCount: page.totalCount };
  }

  @Get(':identityId')
  @ApiGetMachineIdentity()
  async get(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityMembershipResponse }> {
    return { identity: identityMembershipResponse(await this.getIdentity.execute(params.identityId, requestContext(request))) };
  }

  @Patch(':identityId')
  @ApiUpdateMachineIdentity()
  async update(@Param() params: IdentityIdParamsDto, @Body() body: UpdateIdentityDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    const { name, role, hasDeleteProtection } = body;
    return {
      identity: identityResponse(
        await this.updateIdentity.execute({ identityId: params.identityId, changes: { name, role, hasDeleteProtection } }, requestContext(request)),
      ),
    };
  }

  @Delete(':identityId')
  @ApiDeleteMachineIdentity()
  async delete(@Param() params: IdentityIdParamsDto, @Body() body: IdentityIdBodyDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    return { identity: identityResponse(await this.deleteIdentity.execute(params.identityId, requestContext(request))) };
  }
}
