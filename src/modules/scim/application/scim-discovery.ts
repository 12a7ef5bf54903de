import { GROUP_SCHEMA, MAX_PAGE_SIZE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, USER_SCHEMA } from './scim-schemas';
import type { ScimBaseUrl } from './scim-resources';

/** What this service supports (RFC 7643 section 5). */
export function serviceProviderConfig(base: ScimBaseUrl) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A SCIM token of the organization, created with POST /api/v1/scim/scim-tokens, as Authorization: Bearer <token>',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: ScimBaseUrl) {
  return [
    { id: 'User', name: 'User', endpoint: '/Users', description: 'A member of the organization', schema: USER_SCHEMA },
    { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A group of the organization', schema: GROUP_SCHEMA },
  ].map((type) => ({ schemas: [RESOURCE_TYPE_SCHEMA], ...type, meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` } }));
}

/** An attribute definition (RFC 7643 section 7). */
type AttributeDefinition = Record<string, unknown>;

interface AttributeOptions {
  type?: string;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  subAttributes?: AttributeDefinition[];
  referenceTypes?: string[];
}

function attribute(name: string, description: string, options: AttributeOptions = {}): AttributeDefinition {
  const { subAttributes, referenceTypes, ...rest } = options;
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...rest,
    ...(subAttributes ? { subAttributes } : {}),
    ...(referenceTypes ? { referenceTypes } : {}),
  };
}

const externalId = attribute('externalId', 'The identifier the provisioning client gives the resource', { caseExact: true });
const reference = (types: string[]) => attribute('$ref', 'The URI of the resource', { type: 'reference', referenceTypes: types, mutability: 'immutable' });

/** The schemas of Users and Groups as this service keeps them (RFC 7643 section 7). */
export function schemas(base: ScimBaseUrl) {
  const definitions = [
    {
      id: USER_SCHEMA,
      name: 'User',
      description: 'A member of the organization',
      attributes: [
        attribute('userName', 'Unique, case-insensitively, among all users', { required: true, uniqueness: 'server' }),
        externalId,
        attribute('name', "The user's name", {
          type: 'complex',
          subAttributes: [
            attribute('givenName', 'Given name'),
            attribute('familyName', 'Family name'),
            attribute('formatted', 'The full name', { mutability: 'readOnly' }),
          ],
        }),
        attribute('emails', 'The email address: one is kept, the primary one given', {
          type: 'complex',
          multiValued: true,
          subAttributes: [attribute('value', 'The address'), attribute('type', 'Always work'), attribute('primary', 'Always true', { type: 'boolean' })],
        }),
        attribute('active', 'Whether the membership is active', { type: 'boolean' }),
        attribute('groups', "The organization's groups the user is in", {
          type: 'complex',
          multiValued: true,
          mutability: 'readOnly',
          subAttributes: [
            attribute('value', 'The id of the group', { caseExact: true, mutability: 'readOnly' }),
            attribute('display', 'The name of the group', { mutability: 'readOnly' }),
            reference(['Group']),
          ],
        }),
      ],
    },
    {
      id: GROUP_SCHEMA,
      name: 'Group',
      description: 'A group of the organization',
      attributes: [
        attribute('displayName', 'Unique, case-insensitively, in the organization', { required: true, uniqueness: 'server' }),
        externalId,
        attribute('members', 'The users in the group', {
          type: 'complex',
          multiValued: true,
          subAttributes: [
            attribute('value', 'The id of the user', { caseExact: true, mutability: 'immutable' }),
            attribute('display', 'The username of the user', { mutability: 'readOnly' }),
            reference(['User']),
            attribute('type', 'Always User', { mutability: 'immutable' }),
          ],
        }),
      ],
    },
  ];
  return definitions.map((definition) => ({
    schemas: [SCHEMA_SCHEMA],
    ...definition,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${definition.id}` },
  }));
}
