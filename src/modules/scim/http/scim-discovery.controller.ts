import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { resourceTypes, schemas, serviceProviderConfig } from '../application/scim-discovery';
import { LIST_RESPONSE_SCHEMA } from '../application/scim-schemas';
import { ScimError } from '../domain/scim-error';
import { ApiScim } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, type ScimRequest, writeScim } from './scim-http';
import { ApiScimGetResourceType, ApiScimGetSchema, ApiScimListResourceTypes, ApiScimListSchemas, ApiScimServiceProviderConfig } from './scim-discovery.docs';

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
  @ApiScimServiceProviderConfig()
  serviceProviderConfig(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, serviceProviderConfig(baseUrl(request)));
  }

  @Get('ResourceTypes')
  @ApiScimListResourceTypes()
  resourceTypes(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, listOf(resourceTypes(baseUrl(request))));
  }

  @Get('ResourceTypes/:id')
  @ApiScimGetResourceType()
  resourceType(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): void {
    const found = resourceTypes(baseUrl(request)).find((type) => type.id === id);
    if (!found) throw new ScimError(404, `No resource type ${id.slice(0, 100)}`);
    writeScim(response, 200, found);
  }

  @Get('Schemas')
  @ApiScimListSchemas()
  schemas(@Req() request: ScimRequest, @Res() response: Response): void {
    writeScim(response, 200, listOf(schemas(baseUrl(request))));
  }

  @Get('Schemas/:id')
  @ApiScimGetSchema()
  schema(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): void {
    const found = schemas(baseUrl(request)).find((schema) => schema.id === id);
    if (!found) throw new ScimError(404, `No schema ${id.slice(0, 200)}`);
    writeScim(response, 200, found);
  }
}
