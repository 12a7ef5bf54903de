import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { namesVersion, pageRequest } from '../application/scim-listing';
import { etagOf, groupResource } from '../application/scim-resources';
import { LIST_RESPONSE_SCHEMA, GROUP_SCHEMA } from '../application/scim-schemas';
import { ScimGroupsService, type ScimGroupView } from '../application/scim-groups.service';
import { ApiScim } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, header, queryValue, type ScimRequest, scimBody, scimContext, selection, writeScim } from './scim-http';
import { ApiScimCreateGroup, ApiScimDeleteGroup, ApiScimGetGroup, ApiScimListGroups, ApiScimPatchGroup, ApiScimReplaceGroup } from './scim-groups.docs';

/** SCIM Groups (RFC 7644 section 3): every group of the token's organization. */
@ApiScim()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim/Groups')
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Get()
  @ApiScimListGroups()
  async list(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const page = pageRequest(queryValue(request, 'startIndex'), queryValue(request, 'count'));
    const attributes = selection(request, GROUP_SCHEMA);
    const { total, groups } = await this.groups.list(scimContext(request), queryValue(request, 'filter'), page, attributes.wants('members'));
    const base = baseUrl(request);
    const resources = groups.map((view) => attributes.apply(groupResource(view.group, view.members, base)));
    writeScim(response, 200, {
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: total,
      startIndex: page.startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    });
  }

  @Post()
  @ApiScimCreateGroup()
  async create(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const id = await this.groups.create(context, scimBody(request));
    this.answer(request, response, 201, await this.groups.get(context, id, selection(request, GROUP_SCHEMA).wants('members')));
  }

  @Get(':id')
  @ApiScimGetGroup()
  async get(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const view = await this.groups.get(scimContext(request), id, selection(request, GROUP_SCHEMA).wants('members'));
    const ifNoneMatch = header(request, 'if-none-match');
    if (ifNoneMatch !== undefined && namesVersion(ifNoneMatch, view.group.version))
      return writeScim(response, 304, undefined, { ETag: etagOf(view.group.version) });
    this.answer(request, response, 200, view);
  }

  @Put(':id')
  @ApiScimReplaceGroup()
  async replace(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const withMembers = selection(request, GROUP_SCHEMA).wants('members');
    this.answer(request, response, 200, await this.groups.replace(context, id, scimBody(request), header(request, 'if-match'), withMembers));
  }

  @Patch(':id')
  @ApiScimPatchGroup()
  async patch(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const withMembers = selection(request, GROUP_SCHEMA).wants('members');
    this.answer(request, response, 200, await this.groups.patch(context, id, scimBody(request), header(request, 'if-match'), withMembers));
  }

  @Delete(':id')
  @ApiScimDeleteGroup()
  async delete(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    await this.groups.delete(scimContext(request), id, header(request, 'if-match'));
    writeScim(response, 204, undefined);
  }

  private answer(request: ScimRequest, response: Response, status: number, view: ScimGroupView): void {
    const resource = groupResource(view.group, view.members, baseUrl(request));
    const location = (resource.meta as { location: string }).location;
    const headers = { ETag: etagOf(view.group.version), ...(status === 201 ? { Location: location } : {}) };
    writeScim(response, status, selection(request, GROUP_SCHEMA).apply(resource), headers);
  }
}
