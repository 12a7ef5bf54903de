import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ApiScimOperation } from './scim-api-docs';

// The OpenAPI metadata of the routes of ScimDiscoveryController, a decorator bundle each, so that the controller reads as routes.

export const ApiScimServiceProviderConfig = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'Service provider configuration',
      operationId: 'scimServiceProviderConfig',
      description: 'What this SCIM service supports.',
      success: 200,
      errors: [],
    }),
  );

export const ApiScimListResourceTypes = () =>
  applyDecorators(
    ApiScimOperation({ summary: 'List resource types', operationId: 'scimListResourceTypes', description: 'User and Group.', success: 200, errors: [] }),
  );

export const ApiScimGetResourceType = () =>
  applyDecorators(
    ApiScimOperation({ summary: 'Get resource type', operationId: 'scimGetResourceType', description: 'User or Group.', success: 200, errors: [404] }),
    ApiParam({ name: 'id', description: 'User or Group.', schema: { type: 'string' }, examples: { User: { value: 'User' }, Group: { value: 'Group' } } }),
  );

export const ApiScimListSchemas = () =>
  applyDecorators(
    ApiScimOperation({
      summary: 'List schemas',
      operationId: 'scimListSchemas',
      description: 'The User and Group schemas as this service keeps them.',
      success: 200,
      errors: [],
    }),
  );

export const ApiScimGetSchema = () =>
  applyDecorators(
    ApiScimOperation({ summary: 'Get schema', operationId: 'scimGetSchema', description: 'One schema, by its URN.', success: 200, errors: [404] }),
    ApiParam({
      name: 'id',
      description: 'The URN of the schema.',
      schema: { type: 'string' },
      examples: { User: { value: 'urn:ietf:params:scim:schemas:core:2.0:User' } },
    }),
  );
