import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { namesVersion, pageRequest } from '../application/scim-listing';
import { etagOf, groupResource } from '../application/scim-resources';
import { LIST_RESPONSE_SCHEMA, GROUP_SCHEMA } from '../application/scim-schemas';
import { ScimGroupsService, type ScimGroupView } from '../application/scim-groups.service';
import { ApiScim, ApiScimId, ApiScimList, ApiScimOperation, ApiScimSelection } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, header, queryValue, type ScimRequest, scimBody, scimContext, selection, writeScim } from './scim-http';

/** SCIM Groups (RFC 7644 section 3): every group of the token's organization. */
@ApiScim()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim/Groups')
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Get()
  @ApiScimOperation({
    summary: 'List Groups',
    operationId: 'scimListGroups',
    answer: 'GroupList',
    description: 'A page of the groups that match the filter, in the order they were created; totalResults counts every match.',
    success: 200,
    errors: [400],
  })
  @ApiScimList()
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
  @ApiScimOperation({
    summary: 'Create Group',
    operationId: 'scimCreateGroup',
    answer: 'Group',
    body: 'Group',
    description: 'Creates a group; 409 when its name is taken.',
    success: 201,
    errors: [400, 409, 413, 415],
  })
  @ApiScimSelection()
  async create(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const id = await this.groups.create(context, scimBody(request));
    this.answer(request, response, 201, await this.groups.get(context, id, selection(request, GROUP_SCHEMA).wants('members')));
  }

  @Get(':id')
  @ApiScimOperation({
    summary: 'Get Group',
    operationId: 'scimGetGroup',
    answer: 'Group',
    description: 'One group; 304 to an If-None-Match of its version.',
    success: 200,
    errors: [404],
  })
  @ApiScimId('Group')
  @ApiScimSelection()
  async get(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const view = await this.groups.get(scimContext(request), id, selection(request, GROUP_SCHEMA).wants('members'));
    const ifNoneMatch = header(request, 'if-none-match');
    if (ifNoneMatch !== undefined && namesVersion(ifNoneMatch, view.group.version))
      return writeScim(response, 304, undefined, { ETag: etagOf(view.group.version) });
    this.answer(request, response, 200, view);
  }

  @Put(':id')
  @ApiScimOperation({
    summary: 'Replace Group',
    operationId: 'scimReplaceGroup',
    answer: 'Group',
    body: 'Group',
    description: 'Replaces the attributes the body carries; If-Match is honoured.',
    success: 200,
    errors: [400, 404, 409, 412, 413, 415],
  })
  @ApiScimId('Group')
  @ApiScimSelection()
  async replace(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const withMembers = selection(request, GROUP_SCHEMA).wants('members');
    this.answer(request, response, 200, await this.groups.replace(context, id, scimBody(request), header(request, 'if-match'), withMembers));
  }

  @Patch(':id')
  @ApiScimOperation({
    summary: 'Patch Group',
    operationId: 'scimPatchGroup',
    answer: 'Group',
    body: 'PatchOp',
    description: 'Applies the PATCH operations (RFC 7644 section 3.5.2) in order, all or nothing; If-Match is honoured.',
    success: 200,
    errors: [400, 404, 409, 412, 413, 415],
  })
  @ApiScimId('Group')
  @ApiScimSelection()
  async patch(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const withMembers = selection(request, GROUP_SCHEMA).wants('members');
    this.answer(request, response, 200, await this.groups.patch(context, id, scimBody(request), header(request, 'if-match'), withMembers));
  }

  @Delete(':id')
  @ApiScimOperation({
    summary: 'Delete Group',
    operationId: 'scimDeleteGroup',
    description: 'Deletes the group; If-Match is honoured.',
    success: 204,
    errors: [404, 412],
  })
  @ApiScimId('Group')
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
