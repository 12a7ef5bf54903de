import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample, type ErrorExample, type ErrorStatus } from '../../../common/docs/api-docs';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { AttachUniversalAuthUseCase } from '../application/attach-universal-auth.use-case';
import { CreateClientSecretUseCase } from '../application/create-client-secret.use-case';
import { DetachUniversalAuthUseCase } from '../application/detach-universal-auth.use-case';
import { GetClientSecretUseCase } from '../application/get-client-secret.use-case';
import { GetUniversalAuthUseCase } from '../application/get-universal-auth.use-case';
import { ListClientSecretsUseCase } from '../application/list-client-secrets.use-case';
import { RevokeClientSecretUseCase } from '../application/revoke-client-secret.use-case';
import { UpdateUniversalAuthUseCase } from '../application/update-universal-auth.use-case';
import { CREDENTIAL_BOUNDARIES, type CredentialOperation } from '../domain/universal-auth-errors';
import { assertSameAsPath } from './identity-input';
import { IdentityIdParamsDto } from './identity.dto';
import { IDENTITY_EXAMPLE, IDENTITY_ID_EXAMPLES } from './identity.schema';
import {
  AttachUniversalAuthDto,
  ClientSecretParamsDto,
  CreateClientSecretDto,
  RevokeClientSecretDto,
  UniversalAuthIdentityBodyDto,
  UpdateUniversalAuthDto,
} from './universal-auth.dto';
import {
  CLIENT_SECRET_EXAMPLE,
  CLIENT_SECRET_SCHEMA,
  clientSecretResponse,
  type ClientSecretResponse,
  UNIVERSAL_AUTH_EXAMPLE,
  UNIVERSAL_AUTH_SCHEMA,
  universalAuthResponse,
  type UniversalAuthResponse,
} from './universal-auth.schema';

const { id: identityId } = IDENTITY_EXAMPLE;
const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on identity`, { missingPermissions: [{ action, subject: 'identity' }] });
const boundary = (operation: CredentialOperation) => {
  const { action, message } = CREDENTIAL_BOUNDARIES[operation];
  return errorExample(403, 'PermissionBoundaryError', `${message}. Actor is missing permission ${action} on identity`, {
    missingPermissions: [{ action, subject: 'identity' }],
  });
};
const IDENTITY_NOT_FOUND = errorExample(404, 'NotFound', `Failed to find identity with ID ${identityId}`);
const NOT_ATTACHED = errorExample(400, 'BadRequest', 'The identity does not have universal auth');
const BAD_ID = errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] }]);
const IP_RESTRICTED = errorExample(400, 'BadRequest', 'IP restrictions are not supported: trusted IPs must be 0.0.0.0/0 or ::/0');
const IDENTITY_ID_PARAM = {
  name: 'identityId',
  description: 'The ID of the identity.',
  schema: { type: 'string', format: 'uuid' },
  examples: IDENTITY_ID_EXAMPLES,
} as const;
const SECRET_ID_PARAM = {
  name: 'clientSecretId',
  description: 'The ID of the client secret.',
  schema: { type: 'string', format: 'uuid' },
  examples: { secret: { summary: 'A client secret ID', value: CLIENT_SECRET_EXAMPLE.id } },
} as const;
const answer = (properties: Record<string, SchemaObject>, example: Record<string, unknown>) => ({
  description: 'Default Response',
  content: { 'application/json': { schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false }, example } },
});
const UA_ANSWER = answer({ identityUniversalAuth: UNIVERSAL_AUTH_SCHEMA }, { identityUniversalAuth: UNIVERSAL_AUTH_EXAMPLE });
const CHECKS =
  'The checks, in order: the token (401); the input (422); the permission (403 `PermissionDenied`); the identity, in the organization of the token (404)';

function ApiUniversalAuthErrors(statuses: (400 | 403 | 404 | 422)[], examples: Partial<Record<400 | 403 | 404 | 422, ErrorExample | ErrorExample[]>>) {
  const all: ErrorStatus[] = [...statuses, 401, 413, 500];
  return ApiErrorResponses(all.sort(), { 404: IDENTITY_NOT_FOUND, 422: BAD_ID, ...examples });
}

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
  @ApiOperation({
    summary: 'Attach Universal Auth',
    operationId: 'attachUniversalAuth',
    description:
      'Attaches Universal Auth to a machine identity, with a new client ID; client secrets are created with their own route. Needs `create` on identity. ' +
      `${CHECKS}; Universal Auth not attached yet (400); trusted IPs only every address (400).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(UA_ANSWER)
  @ApiUniversalAuthErrors([400, 403, 404, 422], {
    400: [errorExample(400, 'BadRequest', 'Failed to add universal auth to already configured identity'), IP_RESTRICTED],
    403: denied('create'),
    422: [
      BAD_ID,
      errorExample(422, 'ValidationFailure', [
        { code: 'notAboveMaxTtl', message: 'Access Token TTL cannot be greater than Access Token Max TTL.', path: ['accessTokenTTL'] },
      ]),
    ],
  })
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
  @ApiOperation({
    summary: 'Get Universal Auth',
    operationId: 'getUniversalAuth',
    description: `The Universal Auth configuration of a machine identity. Needs \`read\` on identity. ${CHECKS}; Universal Auth attached (404).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(UA_ANSWER)
  @ApiUniversalAuthErrors([403, 404, 422], {
    403: denied('read'),
    404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find universal auth for identity with ID ${identityId}`)],
  })
  async get(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ identityUniversalAuth: UniversalAuthResponse }> {
    return { identityUniversalAuth: universalAuthResponse(await this.getUniversalAuth.execute(params.identityId, requestContext(request))) };
  }

  @Patch()
  @ApiOperation({
    summary: 'Update Universal Auth',
    operationId: 'updateUniversalAuth',
    description:
      "Changes the settings of a machine identity's Universal Auth; a field left out keeps its value, and tokens issued afterwards get the new values. " +
      `Needs \`edit\` on identity. ${CHECKS}; Universal Auth attached (404); trusted IPs (400); the TTL not above the max TTL (400).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(UA_ANSWER)
  @ApiUniversalAuthErrors([400, 403, 404, 422], {
    400: [IP_RESTRICTED, errorExample(400, 'BadRequest', 'Access token TTL cannot be greater than max TTL')],
    403: denied('edit'),
  })
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
  @ApiOperation({
    summary: 'Detach Universal Auth',
    operationId: 'detachUniversalAuth',
    description:
      "Removes a machine identity's Universal Auth with its client secrets and the access tokens they obtained. Needs `edit` and `revoke-auth` on identity. " +
      `${CHECKS}; Universal Auth attached (400); \`revoke-auth\` (403 \`PermissionBoundaryError\`). Answers the configuration as it was.`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(UA_ANSWER)
  @ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('edit'), boundary('detach')] })
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
  @ApiOperation({
    summary: 'Create Client Secret',
    operationId: 'createUniversalAuthClientSecret',
    description:
      "Creates a client secret for a machine identity's Universal Auth. The secret is in this answer only: it is stored as a hash. Needs `create` and `create-token` on identity. " +
      `${CHECKS}; Universal Auth attached (400); \`create-token\` (403 \`PermissionBoundaryError\`).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(
    answer(
      { clientSecret: { type: 'string', description: 'The secret: shown this once.' }, clientSecretData: CLIENT_SECRET_SCHEMA },
      { clientSecret: '4f1c9a0e7b2d5c8f1a3e6b9d0c2f5a8e1b4d7c0f3a6e9b2d5c8f1a4e7b0d3c6f', clientSecretData: CLIENT_SECRET_EXAMPLE },
    ),
  )
  @ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('create'), boundary('createSecret')] })
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
  @ApiOperation({
    summary: 'List Client Secrets',
    operationId: 'listUniversalAuthClientSecrets',
    description:
      'The client secrets of a machine identity that are not revoked (expired and used-up ones included), newest first, without their values. ' +
      `Needs \`read\` and \`get-token\` on identity. ${CHECKS}; Universal Auth attached (400); \`get-token\` (403 \`PermissionBoundaryError\`).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(answer({ clientSecretData: { type: 'array', items: CLIENT_SECRET_SCHEMA } }, { clientSecretData: [CLIENT_SECRET_EXAMPLE] }))
  @ApiUniversalAuthErrors([400, 403, 404, 422], { 400: NOT_ATTACHED, 403: [denied('read'), boundary('listSecrets')] })
  async listSecrets(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ clientSecretData: ClientSecretResponse[] }> {
    return { clientSecretData: (await this.listClientSecrets.execute(params.identityId, requestContext(request))).map(clientSecretResponse) };
  }

  @Get('client-secrets/:clientSecretId')
  @ApiOperation({
    summary: 'Get Client Secret',
    operationId: 'getUniversalAuthClientSecret',
    description:
      'One client secret of a machine identity, not revoked, without its value. Needs `read` and `get-token` on identity. ' +
      `${CHECKS}; Universal Auth attached (400); \`get-token\` (403 \`PermissionBoundaryError\`); the secret (404).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiParam(SECRET_ID_PARAM)
  @ApiOkResponse(answer({ clientSecretData: CLIENT_SECRET_SCHEMA }, { clientSecretData: CLIENT_SECRET_EXAMPLE }))
  @ApiUniversalAuthErrors([400, 403, 404, 422], {
    400: NOT_ATTACHED,
    403: [denied('read'), boundary('getSecret')],
    404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find client secret with ID ${CLIENT_SECRET_EXAMPLE.id}`)],
  })
  async getSecret(@Param() params: ClientSecretParamsDto, @Req() request: ServiceRequest): Promise<{ clientSecretData: ClientSecretResponse }> {
    return { clientSecretData: clientSecretResponse(await this.getClientSecret.execute(params, requestContext(request))) };
  }

  @Post('client-secrets/:clientSecretId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke Client Secret',
    operationId: 'revokeUniversalAuthClientSecret',
    description:
      'Revokes a client secret: it logs in no more, and the API shows it no more; the access tokens it obtained stay valid. Needs `delete` and `delete-token` on identity. ' +
      `${CHECKS}; Universal Auth attached (400); \`delete-token\` (403 \`PermissionBoundaryError\`); the secret, not revoked (404).`,
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiParam(SECRET_ID_PARAM)
  @ApiOkResponse(answer({ clientSecretData: CLIENT_SECRET_SCHEMA }, { clientSecretData: { ...CLIENT_SECRET_EXAMPLE, isClientSecretRevoked: true } }))
  @ApiUniversalAuthErrors([400, 403, 404, 422], {
    400: NOT_ATTACHED,
    403: [denied('delete'), boundary('revokeSecret')],
    404: [IDENTITY_NOT_FOUND, errorExample(404, 'NotFound', `Failed to find client secret with ID ${CLIENT_SECRET_EXAMPLE.id}`)],
  })
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
