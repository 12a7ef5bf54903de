import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { ApiErrorResponses, errorExample } from '../../../common/docs/api-docs';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { CreateIdentityUseCase } from '../application/create-identity.use-case';
import { DeleteIdentityUseCase } from '../application/delete-identity.use-case';
import { GetIdentityUseCase } from '../application/get-identity.use-case';
import { ListIdentitiesUseCase } from '../application/list-identities.use-case';
import { UpdateIdentityUseCase } from '../application/update-identity.use-case';
import { assertSameAsPath } from './identity-input';
import { CreateIdentityDto, IdentityIdBodyDto, IdentityIdParamsDto, ListIdentitiesQueryDto, UpdateIdentityDto } from './identity.dto';
import {
  IDENTITY_EXAMPLE,
  IDENTITY_ID_EXAMPLES,
  IDENTITY_MEMBERSHIP_EXAMPLE,
  IDENTITY_MEMBERSHIP_SCHEMA,
  IDENTITY_SCHEMA,
  identityMembershipResponse,
  type IdentityMembershipResponse,
  identityResponse,
  type IdentityResponse,
} from './identity.schema';

const denied = (action: string) =>
  errorExample(403, 'PermissionDenied', `You are not allowed to ${action} on identity`, { missingPermissions: [{ action, subject: 'identity' }] });
const NOT_FOUND = errorExample(404, 'NotFound', `Failed to find identity with id ${IDENTITY_EXAMPLE.id}`);
const BAD_ID = errorExample(422, 'ValidationFailure', [{ code: 'matches', message: 'identityId must be a UUID', path: ['identityId'] }]);
const IDENTITY_ID_PARAM = {
  name: 'identityId',
  description: 'The ID of the identity.',
  schema: { type: 'string', format: 'uuid' },
  examples: IDENTITY_ID_EXAMPLES,
} as const;
const answer = (key: string, schema: SchemaObject, example: unknown) => ({
  description: 'Default Response',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { [key]: schema }, required: [key], additionalProperties: false },
      example: { [key]: example },
    },
  },
});
const boundary = (operation: string) =>
  errorExample(403, 'PermissionBoundaryError', `Failed to ${operation} identity. Actor is missing permission grant-privileges on identity`, {
    missingPermissions: [{ action: 'delete', subject: 'identity' }],
  });

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
  @ApiOperation({
    summary: 'Create Identity',
    operationId: 'createMachineIdentity',
    description:
      'Creates a machine identity in the organization of the token. Needs `create` on identity; a role that grants more than the actor holds ' +
      'also needs `grant-privileges` on identity. Names are unique in the organization, whatever their case.\n\n' +
      'The checks, in order: the token (401); the input (422); `create` on identity (403); `organizationId`, when given, the organization of ' +
      'the token (404); the role exists (400); `grant-privileges` (403 `PermissionBoundaryError`); the name is free (400).',
  })
  @ApiOkResponse(answer('identity', IDENTITY_SCHEMA, { ...IDENTITY_EXAMPLE, authMethods: [] }))
  @ApiErrorResponses([400, 401, 403, 404, 413, 422, 500], {
    400: [
      errorExample(400, 'BadRequest', 'Role auditor does not exist in the organization'),
      errorExample(400, 'BadRequest', 'An identity with name ci-deployer already exists in the organization'),
    ],
    403: [denied('create'), boundary('create')],
    404: errorExample(404, 'NotFound', `Failed to find organization with ID ${IDENTITY_EXAMPLE.id}`),
    422: errorExample(422, 'ValidationFailure', [{ code: 'isLength', message: 'name must be 1 to 64 characters', path: ['name'] }]),
  })
  async create(@Body() body: CreateIdentityDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityResponse }> {
    return { identity: identityResponse(await this.createIdentity.execute(body, requestContext(request))) };
  }

  @Get()
  @ApiOperation({
    summary: 'List Identities',
    operationId: 'listMachineIdentities',
    description: 'Pages through the machine identities of the organization of the token, by name in any case, then ID. Needs `read` on identity.',
  })
  @ApiOkResponse({
    description: 'Default Response',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            identities: { type: 'array', items: IDENTITY_MEMBERSHIP_SCHEMA },
            totalCount: { type: 'integer', description: 'How many identities match, over all pages.' },
          },
          required: ['identities', 'totalCount'],
          additionalProperties: false,
        },
        example: { identities: [IDENTITY_MEMBERSHIP_EXAMPLE], totalCount: 1 },
      },
    },
  })
  @ApiErrorResponses([401, 403, 404, 422, 500], {
    403: denied('read'),
    404: errorExample(404, 'NotFound', `Failed to find organization with ID ${IDENTITY_EXAMPLE.id}`),
    422: errorExample(422, 'ValidationFailure', [{ code: 'max', message: 'limit must be at most 100', path: ['limit'] }]),
  })
  async list(
    @Query() query: ListIdentitiesQueryDto,
    @Req() request: ServiceRequest,
  ): Promise<{ identities: IdentityMembershipResponse[]; totalCount: number }> {
    const page = await this.listIdentities.execute(query, requestContext(request));
    return { identities: page.identities.map(identityMembershipResponse), totalCount: page.totalCount };
  }

  @Get(':identityId')
  @ApiOperation({
    summary: 'Get Identity By ID',
    operationId: 'getMachineIdentity',
    description: 'One machine identity of the organization of the token. Needs `read` on identity.',
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(answer('identity', IDENTITY_MEMBERSHIP_SCHEMA, IDENTITY_MEMBERSHIP_EXAMPLE))
  @ApiErrorResponses([401, 403, 404, 422, 500], { 403: denied('read'), 404: NOT_FOUND, 422: BAD_ID })
  async get(@Param() params: IdentityIdParamsDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityMembershipResponse }> {
    return { identity: identityMembershipResponse(await this.getIdentity.execute(params.identityId, requestContext(request))) };
  }

  @Patch(':identityId')
  @ApiOperation({
    summary: 'Update Identity',
    operationId: 'updateMachineIdentity',
    description:
      'Changes the name, role or delete protection of a machine identity of the organization of the token; a field left out keeps its value. ' +
      'Needs `edit` on identity; a role that grants more than the actor holds also needs `grant-privileges` on identity.',
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(answer('identity', IDENTITY_SCHEMA, IDENTITY_EXAMPLE))
  @ApiErrorResponses([400, 401, 403, 404, 413, 422, 500], {
    400: [
      errorExample(400, 'BadRequest', 'Role auditor does not exist in the organization'),
      errorExample(400, 'BadRequest', 'An identity with name ci-deployer already exists in the organization'),
    ],
    403: [denied('edit'), boundary('update')],
    404: NOT_FOUND,
    422: BAD_ID,
  })
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
  @ApiOperation({
    summary: 'Delete Identity',
    operationId: 'deleteMachineIdentity',
    description:
      'Deletes a machine identity of the organization of the token, with its Universal Auth, client secrets, access tokens and group memberships. ' +
      'Needs `delete` on identity; an identity with delete protection is refused. Answers the identity as it was.',
  })
  @ApiParam(IDENTITY_ID_PARAM)
  @ApiOkResponse(answer('identity', IDENTITY_SCHEMA, IDENTITY_EXAMPLE))
  @ApiErrorResponses([400, 401, 403, 404, 422, 500], {
    400: errorExample(400, 'BadRequest', 'Identity has delete protection'),
    403: denied('delete'),
    404: NOT_FOUND,
    422: BAD_ID,
  })
  async delete(@Param() params: IdentityIdParamsDto, @Body() body: IdentityIdBodyDto, @Req() request: ServiceRequest): Promise<{ identity: IdentityResponse }> {
    assertSameAsPath('identityId', body.identityId, params.identityId);
    return { identity: identityResponse(await this.deleteIdentity.execute(params.identityId, requestContext(request))) };
  }
}
