import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { resourceTypes, schemas, serviceProviderConfig } from '../application/scim-discovery';
import { LIST_RESPONSE_SCHEMA } from '../application/scim-schemas';
import { ScimError } from '../domain/scim-error';
import { ApiScim, ApiScimOperation } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, type ScimRequest, writeScim } from './scim-http';

const listOf = (resources: readonly unknown[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** What this SCIM service supports (RFC 7644 section 4), for providers that ask before they provision. */
@ApiScim()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim')
export class ScimDiscoveryController {
  @Get('ServiceProviderConfig')
  @ApiScimOperation({
    summary: 'Service provider configuration',
    operationId: 'scimServiceProviderConfig',
    description: 'What this SCIM service supports.',
    success: 200,
    errors: [],
  })
  serviceProviderConfig(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, serviceProviderConfig(baseUrl(request)));
  }

  @Get('ResourceTypes')
  @ApiScimOperation({ summary: 'List resource types', operationId: 'scimListResourceTypes', description: 'User and Group.', success: 200, errors: [] })
  resourceTypes(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, listOf(resourceTypes(baseUrl(request))));
  }

  @Get('ResourceTypes/:id')
  @ApiScimOperation({ summary: 'Get resource type', operationId: 'scimGetResourceType', description: 'User or Group.', success: 200, errors: [404] })
  @ApiParam({ name: 'id', description: 'User or Group.', schema: { type: 'string' }, examples: { User: { value: 'User' }, Group: { value: 'Group' } } })
  resourceType(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): void {
    const found = resourceTypes(baseUrl(request)).find((type) => type.id === id);
    if (!found) throw new ScimError(404, `No resource type ${id.slice(0, 100)}`);
    writeScim(response, 200, found);
  }

  @Get('Schemas')
  @ApiScimOperation({
    summary: 'List schemas',
    operationId: 'scimListSchemas',
    description: 'The User and Group schemas as this service keeps them.',
    success: 200,
    errors: [],
  })
  schemas(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, listOf(schemas(baseUrl(request))));
  }

  @Get('Schemas/:id')
  @ApiScimOperation({ summary: 'Get schema', operationId: 'scimGetSchema', description: 'One schema, by its URN.', success: 200, errors: [404] })
  @ApiParam({
    name: 'id',
    description: 'The URN of the schema.',
    schema: { type: 'string' },
    examples: { User: { value: 'urn:ietf:params:scim:schemas:core:2.0:User' } },
  })
  schema(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): void {
    const found = schemas(baseUrl(request)).find((schema) => schema.id === id);
    if (!found) throw new ScimError(404, `No schema ${id.slice(0, 200)}`);
    writeScim(response, 200, found);
  }
}
