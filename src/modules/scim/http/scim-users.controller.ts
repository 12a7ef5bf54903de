import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { namesVersion, pageRequest } from '../application/scim-listing';
import { etagOf, userResource } from '../application/scim-resources';
import { LIST_RESPONSE_SCHEMA, USER_SCHEMA } from '../application/scim-schemas';
import { ScimUsersService, type ScimUserView } from '../application/scim-users.service';
import { ApiScim, ApiScimId, ApiScimList, ApiScimOperation, ApiScimSelection } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, header, queryValue, type ScimRequest, scimBody, scimContext, selection, writeScim } from './scim-http';

/** SCIM Users (RFC 7644 section 3): the members of the token's organization. */
@ApiScim()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim/Users')
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Get()
  @ApiScimOperation({
    summary: 'List Users',
    operationId: 'scimListUsers',
    answer: 'UserList',
    description: 'A page of the users that match the filter, in the order they were created; totalResults counts every match.',
    success: 200,
    errors: [400],
  })
  @ApiScimList()
  async list(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const page = pageRequest(queryValue(request, 'startIndex'), queryValue(request, 'count'));
    const attributes = selection(request, USER_SCHEMA);
    const { total, users } = await this.users.list(scimContext(request), queryValue(request, 'filter'), page, attributes.wants('groups'));
    const base = baseUrl(request);
    const resources = users.map((view) => attributes.apply(userResource(view.user, view.groups, base)));
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
    summary: 'Create User',
    operationId: 'scimCreateUser',
    answer: 'User',
    body: 'User',
    description: 'Creates a user; 409 when its name is taken.',
    success: 201,
    errors: [400, 409, 413, 415],
  })
  @ApiScimSelection()
  async create(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const id = await this.users.create(context, scimBody(request));
    this.answer(request, response, 201, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Get(':id')
  @ApiScimOperation({
    summary: 'Get User',
    operationId: 'scimGetUser',
    answer: 'User',
    description: 'One user; 304 to an If-None-Match of its version.',
    success: 200,
    errors: [404],
  })
  @ApiScimId('User')
  @ApiScimSelection()
  async get(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const view = await this.users.get(scimContext(request), id, selection(request, USER_SCHEMA).wants('groups'));
    const ifNoneMatch = header(request, 'if-none-match');
    if (ifNoneMatch !== undefined && namesVersion(ifNoneMatch, view.user.version))
      return writeScim(response, 304, undefined, { ETag: etagOf(view.user.version) });
    this.answer(request, response, 200, view);
  }

  @Put(':id')
  @ApiScimOperation({
    summary: 'Replace User',
    operationId: 'scimReplaceUser',
    answer: 'User',
    body: 'User',
    description: 'Replaces the attributes the body carries; If-Match is honoured.',
    success: 200,
    errors: [400, 404, 409, 412, 413, 415],
  })
  @ApiScimId('User')
  @ApiScimSelection()
  async replace(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    await this.users.replace(context, id, scimBody(request), header(request, 'if-match'));
    this.answer(request, response, 200, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Patch(':id')
  @ApiScimOperation({
    summary: 'Patch User',
    operationId: 'scimPatchUser',
    answer: 'User',
    body: 'PatchOp',
    description: 'Applies the PATCH operations (RFC 7644 section 3.5.2) in order, all or nothing; If-Match is honoured.',
    success: 200,
    errors: [400, 404, 409, 412, 413, 415],
  })
  @ApiScimId('User')
  @ApiScimSelection()
  async patch(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    await this.users.patch(context, id, scimBody(request), header(request, 'if-match'));
    this.answer(request, response, 200, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Delete(':id')
  @ApiScimOperation({
    summary: 'Delete User',
    operationId: 'scimDeleteUser',
    description: 'Deletes the user; If-Match is honoured.',
    success: 204,
    errors: [404, 412],
  })
  @ApiScimId('User')
  async delete(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    await this.users.delete(scimContext(request), id, header(request, 'if-match'));
    writeScim(response, 204, undefined);
  }

  private answer(request: ScimRequest, response: Response, status: number, view: ScimUserView): void {
    const resource = userResource(view.user, view.groups, baseUrl(request));
    const location = (resource.meta as { location: string }).location;
    const headers = { ETag: etagOf(view.user.version), ...(status === 201 ? { Location: location } : {}) };
    writeScim(response, status, selection(request, USER_SCHEMA).apply(resource), headers);
  }
}
