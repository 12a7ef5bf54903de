import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { CreateScimTokenUseCase } from '../application/create-scim-token.use-case';
import { DeleteScimTokenUseCase } from '../application/delete-scim-token.use-case';
import { ListScimTokensUseCase } from '../application/list-scim-tokens.use-case';
import type { ScimTokenRecord } from '../domain/scim-token';
import { CreateScimTokenDto, ListScimTokensQueryDto, ScimTokenIdParamsDto } from './scim-token.dto';
import { ApiCreateScimToken, ApiDeleteScimToken, ApiListScimTokens } from './scim-tokens.docs';

/** SCIM tokens, managed through the regular API with a regular token; the SCIM routes take only these. */
@ApiTags('SCIM tokens')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/scim/scim-tokens')
export class ScimTokensController {
  constructor(
    private readonly createScimToken: CreateScimTokenUseCase,
    private readonly listScimTokens: ListScimTokensUseCase,
    private readonly deleteScimToken: DeleteScimTokenUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiCreateScimToken()
  async create(@Body() body: CreateScimTokenDto, @Req() request: ServiceRequest): Promise<ScimTokenRecord & { scimToken: string }> {
    return this.createScimToken.execute(body, requestContext(request));
  }

  @Get()
  @ApiListScimTokens()
  async list(@Query() query: ListScimTokensQueryDto, @Req() request: ServiceRequest): Promise<{ scimTokens: ScimTokenRecord[] }> {
    return { scimTokens: await this.listScimTokens.execute(query.organizationId, requestContext(request)) };
  }

  @Delete(':id')
  @ApiDeleteScimToken()
  async delete(@Param() params: ScimTokenIdParamsDto, @Req() request: ServiceRequest): Promise<{ scimToken: ScimTokenRecord }> {
    return { scimToken: await this.deleteScimToken.execute(params.id, requestContext(request)) };
  }
}
