import { applyDecorators } from '@nestjs/common';
import { ApiScimId, ApiScimList, ApiScimOperation, ApiScimSelection } from './scim-api-docs';

// The OpenAPI metadata of the routes of ScimUsersController, a decorator bundle each, so that the controller reads as routes.

export const ApiScimListUsers = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'List Users',
      operationId: 'scimListUsers',
      answer: 'UserList',
      description: 'A page of the users that match the filter, in the order they were created; totalResults counts every match.',
      success: 200,
      errors: [400],
    }),
    ApiScimList(),
  );

export const ApiScimCreateUser = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Create User',
      operationId: 'scimCreateUser',
      answer: 'User',
      body: 'User',
      description: 'Creates a user; 409 when its name is taken.',
      success: 201,
      errors: [400, 409, 413, 415],
    }),
    ApiScimSelection(),
  );

export const ApiScimGetUser = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Get User',
      operationId: 'scimGetUser',
      answer: 'User',
      description: 'One user; 304 to an If-None-Match of its version.',
      success: 200,
      errors: [404],
    }),
    ApiScimId('User'),
    ApiScimSelection(),
  );

export const ApiScimReplaceUser = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Replace User',
      operationId: 'scimReplaceUser',
      answer: 'User',
      body: 'User',
      description: 'Replaces the attributes the body carries; If-Match is honoured.',
      success: 200,
      errors: [400, 404, 409, 412, 413, 415],
    }),
    ApiScimId('User'),
    ApiScimSelection(),
  );

export const ApiScimPatchUser = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Patch User',
      operationId: 'scimPatchUser',
      answer: 'User',
      body: 'PatchOp',
      description: 'Applies the PATCH operations (RFC 7644 section 3.5.2) in order, all or nothing; If-Match is honoured.',
      success: 200,
      errors: [400, 404, 409, 412, 413, 415],
    }),
    ApiScimId('User'),
    ApiScimSelection(),
  );

export const ApiScimDeleteUser = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Delete User',
      operationId: 'scimDeleteUser',
      description: 'Deletes the user; If-Match is honoured.',
      success: 204,
      errors: [404, 412],
    }),
    ApiScimId('User'),
  );
