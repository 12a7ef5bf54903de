import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { AttachUniversalAuthUseCase } from '../application/attach-universal-auth.use-case';
import { CreateClientSecretUseCase } from '../application/create-client-secret.use-case';
import { DetachUniversalAuthUseCase } from '../application/detach-universal-auth.use-case';
import { GetClientSecretUseCase } from '../application/get-client-secret.use-case';
import { GetUniversalAuthUseCase } from '../application/get-universal-auth.use-case';
import { ListClientSecretsUseCase } from '../application/list-client-secrets.use-case';
import { RevokeClientSecretUseCase } from '../application/revoke-client-secret.use-case';
import { UpdateUniversalAuthUseCase } from '../application/update-universal-auth.use-case';
import { assertSameAsPath } from './identity-input';
import { IdentityIdParamsDto } from './identity.dto';
import {
  AttachUniversalAuthDto,
  ClientSecretParamsDto,
  CreateClientSecretDto,
  RevokeClientSecretDto,
  UniversalAuthIdentityBodyDto,
  UpdateUniversalAuthDto,
} from './universal-auth.dto';
import { clientSecretResponse, type ClientSecretResponse, universalAuthResponse, type UniversalAuthResponse } from './universal-auth.schema';
import {
  ApiAttachUniversalAuth,
  ApiCreateUniversalAuthClientSecret,
  ApiDetachUniversalAuth,
  ApiGetUniversalAuth,
  ApiGetUniversalAuthClientSecret,
  ApiListUniversalAuthClientSecrets,
  ApiRevokeUniversalAuthClientSecret,
  ApiUpdateUniversalAuth,
} from './universal-auth.docs';

@ApiTags('Universal Auth')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/auth/universal-auth/identities/:identityId')
export class UniversalAuthController {
  constructor(
    private readonly attachUniversalAuth: AttachUniversalAuthUseCase,
    private readonly getUniversalAuth: GetUniversalAuthUseCase,
    private readonly updateUniversalAuth: UpdateUniversalAuthUseCase,
    private readonly detachUniversalAuth: DetachUniversalAuthUseCase,
    private readonly createClientSecret: CreateClientSecretUseCase,
    private readonly listClientSecrets: ListClientSecretsUseCase,
    private readonly getClientSecret: GetClientSecretUseCase,
    private readonly revokeClientSecret: RevokeClientSecretUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiAttachUniversalAuth()
  async attach(
    @Param() params: IdentityIdParamsDto,
    @Body() body: AttachUniversalAuthDto,
    @Req() request: ServiceRequest,
  ): Promise<{ identityUniversalAuth: UniversalAuthResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    const universalAuth = await this.attachUniversalAuth.execute({ ...body, identityId: params.identityId }, requestContext(request));
    return { identityUniversalAuth: universalAuthResponse(universalAuth) };
  }

  @Get()
  @ApiGetUniversalAuth()
  async get(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ identityUniversalAuth: UniversalAuthResponse }> {
    return { identityUniversalAuth: universalAuthResponse(await this.getUniversalAuth.execute(params.identityId, requestContext(request))) };
  }

  @Patch()
  @ApiUpdateUniversalAuth()
  async update(
    @Param() params: IdentityIdParamsDto,
    @Body() body: UpdateUniversalAuthDto,
    @Req() request: ServiceRequest,
  ): Promise<{ identityUniversalAuth: UniversalAuthResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    const universalAuth = await this.updateUniversalAuth.execute({ ...body, identityId: params.identityId }, requestContext(request));
    return { identityUniversalAuth: universalAuthResponse(universalAuth) };
  }

  @Delete()
  @ApiDetachUniversalAuth()
  async detach(
    @Param() params: IdentityIdParamsDto,
    @Body() body: UniversalAuthIdentityBodyDto,
    @Req() request: ServiceRequest,
  ): Promise<{ identityUniversalAuth: UniversalAuthResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    return { identityUniversalAuth: universalAuthResponse(await this.detachUniversalAuth.execute(params.identityId, requestContext(request))) };
  }

  @Post('client-secrets')
  @HttpCode(200)
  @ApiCreateUniversalAuthClientSecret()
  async createSecret(
    @Param() params: IdentityIdParamsDto,
    @Body() body: CreateClientSecretDto,
    @Req() request: ServiceRequest,
  ): Promise<{ clientSecret: string; clientSecretData: ClientSecretResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    const { description, numUsesLimit, ttl } = body;
    const { clientSecret, secret } = await this.createClientSecret.execute(
      { identityId: params.identityId, description, numUsesLimit, ttl },
      requestContext(request),
    );
    return { clientSecret, clientSecretData: clientSecretResponse(secret) };
  }

  @Get('client-secrets')
  @ApiListUniversalAuthClientSecrets()
  async listSecrets(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ clientSecretData: ClientSecretResponse[] }> {
    return { clientSecretData: (await this.listClientSecrets.execute(params.identityId, requestContext(request))).map(clientSecretResponse) };
  }

  @Get('client-secrets/:clientSecretId')
  @ApiGetUniversalAuthClientSecret()
  async getSecret(@Param() params: ClientSecretParamsDto, @Req() request: ServiceRequest): Promise<{ clientSecretData: ClientSecretResponse }> {
    return { clientSecretData: clientSecretResponse(await this.getClientSecret.execute(params, requestContext(request))) };
  }

  @Post('client-secrets/:clientSecretId/revoke')
  @HttpCode(200)
  @ApiRevokeUniversalAuthClientSecret()
  async revokeSecret(
    @Param() params: ClientSecretParamsDto,
    @Body() body: RevokeClientSecretDto,
    @Req() request: ServiceRequest,
  ): Promise<{ clientSecretData: ClientSecretResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    assertSameAsPath('clientSecretId', body.clientSecretId, params.clientSecretId);
    return { clientSecretData: clientSecretResponse(await this.revokeClientSecret.execute(params, requestContext(request))) };
  }
}
