import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiSecurity, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { RETRY_AFTER_HEADER } from '../../../common/docs/api-docs';
import { ERROR_SCHEMA, GROUP_SCHEMA, LIST_RESPONSE_SCHEMA, MAX_PATCH_OPERATIONS, PATCH_OP_SCHEMA, USER_SCHEMA } from '../application/scim-schemas';

/** The security scheme of the SCIM routes: a SCIM token, never a user's or an identity's. */
export const SCIM_SECURITY = 'scimToken';

const SCIM_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'The SCIM error schema (RFC 7644 section 3.12)',
  properties: {
    schemas: { type: 'array', items: { type: 'string', enum: [ERROR_SCHEMA] } },
    status: { type: 'string', description: 'The HTTP status, as a string' },
    scimType: { type: 'string', enum: ['invalidSyntax', 'invalidFilter', 'invalidPath', 'noTarget', 'mutability', 'invalidValue', 'uniqueness'] },
    detail: { type: 'string' },
  },
  required: ['schemas', 'status', 'detail'],
  additionalProperties: false,
};

/** A discovery document: its attributes are those of the SCIM schemas (GET /Schemas). */
const SCIM_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  properties: { schemas: { type: 'array', items: { type: 'string' } } },
  required: ['schemas'],
};

const reference = (extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  properties: { value: { type: 'string' }, display: { type: 'string' }, $ref: { type: 'string' }, ...extra },
  additionalProperties: false,
});

const META: SchemaObject = {
  type: 'object',
  properties: {
    resourceType: { type: 'string' },
    created: { type: 'string', format: 'date-time' },
    lastModified: { type: 'string', format: 'date-time' },
    location: { type: 'string' },
    version: { type: 'string', description: 'The ETag of the resource.' },
  },
  additionalProperties: false,
};

/** A resource as answered: `id` and `schemas` always, the other attributes unless `attributes` or `excludedAttributes` leave them out. */
const resource = (schema: string, properties: Record<string, SchemaObject>): SchemaObject => ({
  type: 'object',
  properties: {
    schemas: { type: 'array', items: { type: 'string', enum: [schema] } },
    id: { type: 'string' },
    externalId: { type: 'string' },
    ...properties,
    meta: META,
  },
  required: ['schemas', 'id'],
  additionalProperties: false,
});

const USER_RESOURCE = resource(USER_SCHEMA, {
  userName: { type: 'string' },
  name: {
    type: 'object',
    properties: { givenName: { type: 'string' }, familyName: { type: 'string' }, formatted: { type: 'string' } },
    additionalProperties: false,
  },
  emails: {
    type: 'array',
    items: { type: 'object', properties: { value: { type: 'string' }, type: { type: 'string' }, primary: { type: 'boolean' } }, additionalProperties: false },
  },
  active: { type: 'boolean' },
  groups: { type: 'array', items: reference() },
});

const GROUP_RESOURCE = resource(GROUP_SCHEMA, {
  displayName: { type: 'string' },
  members: { type: 'array', items: reference({ type: { type: 'string', enum: ['User'] } }) },
});

const listOf = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  properties: {
    schemas: { type: 'array', items: { type: 'string', enum: [LIST_RESPONSE_SCHEMA] } },
    totalResults: { type: 'integer', description: 'Every match, over all pages.' },
    startIndex: { type: 'integer' },
    itemsPerPage: { type: 'integer' },
    Resources: { type: 'array', items: item },
  },
  required: ['schemas', 'totalResults', 'startIndex', 'itemsPerPage', 'Resources'],
  additionalProperties: false,
});

/** The answers of the operations on Users and Groups; discovery answers SCIM_DOCUMENT_SCHEMA. */
const SCIM_ANSWERS = { User: USER_RESOURCE, Group: GROUP_RESOURCE, UserList: listOf(USER_RESOURCE), GroupList: listOf(GROUP_RESOURCE) };

const SCHEMAS_PROPERTY: SchemaObject = { type: 'array', items: { type: 'string' }, description: 'The URNs of the schemas of the body; optional here.' };

/** The bodies that the writes read. Attribute names match in any case (RFC 7643 section 2.1), and attributes not listed are ignored. */
const SCIM_BODIES: Record<'User' | 'Group' | 'PatchOp', SchemaObject> = {
  User: {
    type: 'object',
    description: `A User (${USER_SCHEMA}): its userName, name, primary email, externalId and active.`,
    properties: {
      schemas: SCHEMAS_PROPERTY,
      userName: { type: 'string' },
      name: { type: 'object', properties: { givenName: { type: 'string', nullable: true }, familyName: { type: 'string', nullable: true } } },
      emails: {
        type: 'array',
        description: 'The primary email is kept, else the first.',
        items: { type: 'object', properties: { value: { type: 'string' }, primary: { type: 'boolean' }, type: { type: 'string' } } },
      },
      externalId: { type: 'string', nullable: true },
      active: { type: 'boolean' },
    },
    required: ['userName'],
  },
  Group: {
    type: 'object',
    description: `A Group (${GROUP_SCHEMA}): its displayName, externalId and members.`,
    properties: {
      schemas: SCHEMAS_PROPERTY,
      displayName: { type: 'string' },
      externalId: { type: 'string', nullable: true },
      members: {
        type: 'array',
        description: 'The members, by the id of their User.',
        items: { type: 'object', properties: { value: { type: 'string' }, display: { type: 'string' } }, required: ['value'] },
      },
    },
    required: ['displayName'],
  },
  PatchOp: {
    type: 'object',
    description: `A PATCH (${PATCH_OP_SCHEMA}, RFC 7644 section 3.5.2): its operations, applied in order, all or nothing.`,
    properties: {
      schemas: SCHEMAS_PROPERTY,
      Operations: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_PATCH_OPERATIONS,
        items: {
          type: 'object',
          properties: {
            op: { type: 'string', description: 'add, replace or remove, in any case' },
            path: { type: 'string', description: 'The attribute; without it, the value is an object of attributes (add and replace only).' },
            value: { description: 'The value of the attribute, or an object of attributes.' },
          },
          required: ['op'],
        },
      },
    },
    required: ['Operations'],
  },
};

/** The request body of a SCIM write, in either media type that the SCIM routes accept. */
const scimBody = (body: keyof typeof SCIM_BODIES) =>
  applyDecorators(ApiConsumes('application/scim+json', 'application/json'), ApiBody({ required: true, schema: SCIM_BODIES[body] }));

const ERROR_EXAMPLES: Record<number, [string, string | undefined]> = {
  400: ['The filter cannot be parsed: unexpected token', 'invalidFilter'],
  401: ['A SCIM token is required', undefined],
  404: ['Group 0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01 not found', undefined],
  409: ['A group named Engineering already exists', 'uniqueness'],
  412: ['The resource has changed: If-Match does not match its current version', undefined],
  413: ['The request body is larger than 1 MiB', undefined],
  415: ['A SCIM request body must be application/scim+json or application/json', undefined],
  429: ['Rate limit exceeded. Please try again in 42 seconds', undefined],
  500: ['Something went wrong', undefined],
  503: ['The database is unavailable, please retry shortly', undefined],
};

function errorResponse(status: number) {
  const [detail, scimType] = ERROR_EXAMPLES[status];
  const example = { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return ApiResponse({
    status,
    description: `SCIM error ${status}`,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER_HEADER } : {}),
    content: { 'application/scim+json': { schema: SCIM_ERROR_SCHEMA, example } },
  });
}

/** Documents a SCIM operation: its request body, its success answer in `application/scim+json`, and its errors in the SCIM error schema. */
export function ApiScimOperation(options: {
  summary: string;
  operationId: string;
  description: string;
  body?: keyof typeof SCIM_BODIES;
  answer?: keyof typeof SCIM_ANSWERS;
  success: number;
  example?: unknown;
  errors: number[];
}) {
  return applyDecorators(
    ...(options.body ? [scimBody(options.body)] : []),
    ApiOperation({ summary: options.summary, operationId: options.operationId, description: options.description }),
    ApiResponse({
      status: options.success,
      description: options.success === 204 ? 'Deleted: no body' : options.success === 201 ? 'Created: the resource, its address in Location' : 'The answer',
      ...(options.success === 204
        ? {}
        : {
            content: {
              'application/scim+json': {
                schema: options.answer ? SCIM_ANSWERS[options.answer] : SCIM_DOCUMENT_SCHEMA,
                ...(options.example ? { example: options.example } : {}),
              },
            },
          }),
    }),
    ...[401, ...options.errors, 429, 500, 503].map(errorResponse),
  );
}

/** The SCIM controllers' common documentation: tag and security. */
export const ApiScim = () => applyDecorators(ApiTags('SCIM'), ApiSecurity(SCIM_SECURITY));

export const ApiScimId = (resource: 'User' | 'Group') =>
  ApiParam({
    name: 'id',
    description: `The id of the ${resource}.`,
    schema: { type: 'string' },
    examples: {
      [resource]: { summary: `A ${resource}`, value: resource === 'Group' ? '20365ff2-dea5-4457-9203-7e9658fe1f09' : '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34' },
    },
  });

/** The query parameters of the answers that carry resources, and of the lists. */
export const ApiScimSelection = () =>
  applyDecorators(
    ApiQuery({ name: 'attributes', required: false, description: 'Comma-separated attributes to answer (id and schemas always).', schema: { type: 'string' } }),
    ApiQuery({ name: 'excludedAttributes', required: false, description: 'Comma-separated attributes to leave out.', schema: { type: 'string' } }),
  );

export const ApiScimList = () =>
  applyDecorators(
    ApiQuery({
      name: 'filter',
      required: false,
      description: 'A filter of RFC 7644 section 3.4.2.2, e.g. userName eq "ann@example.com".',
      schema: { type: 'string' },
    }),
    ApiQuery({ name: 'startIndex', required: false, description: 'The 1-based index of the first result (default 1).', schema: { type: 'integer' } }),
    ApiQuery({ name: 'count', required: false, description: 'The page size (default and most 100).', schema: { type: 'integer' } }),
    ApiScimSelection(),
  );
