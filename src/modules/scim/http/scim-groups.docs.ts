import { applyDecorators } from '@nestjs/common';
import { ApiScimId, ApiScimList, ApiScimOperation, ApiScimSelection } from './scim-api-docs';

// The OpenAPI metadata of the routes of ScimGroupsController, a decorator bundle each, so that the controller reads as routes.

export const ApiScimListGroups = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'List Groups',
      operationId: 'scimListGroups',
      answer: 'GroupList',
      description: 'A page of the groups that match the filter, in the order they were created; totalResults counts every match.',
      success: 200,
      errors: [400],
    }),
    ApiScimList(),
  );

export const ApiScimCreateGroup = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Create Group',
      operationId: 'scimCreateGroup',
      answer: 'Group',
      body: 'Group',
      description: 'Creates a group; 409 when its name is taken.',
      success: 201,
      errors: [400, 409, 413, 415],
    }),
    ApiScimSelection(),
  );

export const ApiScimGetGroup = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Get Group',
      operationId: 'scimGetGroup',
      answer: 'Group',
      description: 'One group; 304 to an If-None-Match of its version.',
      success: 200,
      errors: [404],
    }),
    ApiScimId('Group'),
    ApiScimSelection(),
  );

export const ApiScimReplaceGroup = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Replace Group',
      operationId: 'scimReplaceGroup',
      answer: 'Group',
      body: 'Group',
      description: 'Replaces the attributes the body carries; If-Match is honoured.',
      success: 200,
      errors: [400, 404, 409, 412, 413, 415],
    }),
    ApiScimId('Group'),
    ApiScimSelection(),
  );

export const ApiScimPatchGroup = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Patch Group',
      operationId: 'scimPatchGroup',
      answer: 'Group',
      body: 'PatchOp',
      description: 'Applies the PATCH operations (RFC 7644 section 3.5.2) in order, all or nothing; If-Match is honoured.',
      success: 200,
      errors: [400, 404, 409, 412, 413, 415],
    }),
    ApiScimId('Group'),
    ApiScimSelection(),
  );

export const ApiScimDeleteGroup = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Delete Group',
      operationId: 'scimDeleteGroup',
      description: 'Deletes the group; If-Match is honoured.',
      success: 204,
      errors: [404, 412],
    }),
    ApiScimId('Group'),
  );
