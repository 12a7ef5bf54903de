import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { OwnAuthentication } from '../../identity/public.decorator';
import { namesVersion, pageRequest } from '../application/scim-listing';
import { etagOf, userResource } from '../application/scim-resources';
import { LIST_RESPONSE_SCHEMA, USER_SCHEMA } from '../application/scim-schemas';
import { ScimUsersService, type ScimUserView } from '../application/scim-users.service';
import { ApiScim } from './scim-api-docs';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimErrorFilter } from './scim-error.filter';
import { baseUrl, header, queryValue, type ScimRequest, scimBody, scimContext, selection, writeScim } from './scim-http';
import { ApiScimCreateUser, ApiScimDeleteUser, ApiScimGetUser, ApiScimListUsers, ApiScimPatchUser, ApiScimReplaceUser } from './scim-users.docs';

/** SCIM Users (RFC 7644 section 3): the members of the token's organization. */
@ApiScim()
@OwnAuthentication()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('api/v1/scim/Users')
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Get()
  @ApiScimListUsers()
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
  @ApiScimCreateUser()
  async create(@Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    const id = await this.users.create(context, scimBody(request));
    this.answer(request, response, 201, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Get(':id')
  @ApiScimGetUser()
  async get(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const view = await this.users.get(scimContext(request), id, selection(request, USER_SCHEMA).wants('groups'));
    const ifNoneMatch = header(request, 'if-none-match');
    if (ifNoneMatch !== undefined && namesVersion(ifNoneMatch, view.user.version))
      return writeScim(response, 304, undefined, { ETag: etagOf(view.user.version) });
    this.answer(request, response, 200, view);
  }

  @Put(':id')
  @ApiScimReplaceUser()
  async replace(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    await this.users.replace(context, id, scimBody(request), header(request, 'if-match'));
    this.answer(request, response, 200, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Patch(':id')
  @ApiScimPatchUser()
  async patch(@Param('id') id: string, @Req() request: ScimRequest, @Res() response: Response): Promise<void> {
    const context = scimContext(request);
    await this.users.patch(context, id, scimBody(request), header(request, 'if-match'));
    this.answer(request, response, 200, await this.users.get(context, id, selection(request, USER_SCHEMA).wants('groups')));
  }

  @Delete(':id')
  @ApiScimDeleteUser()
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
