import type { SchemaObject } from '@nestjs/swagger';
import { type ClientSecret, OPEN_TRUSTED_IPS, type UniversalAuth } from '../domain/universal-auth';
import { IDENTITY_EXAMPLE } from './identity.schema';

const timestamp: SchemaObject = { type: 'string', format: 'date-time' };
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const TRUSTED_IPS_SCHEMA: SchemaObject = {
  type: 'array',
  description: 'Always every address: IP restrictions are not supported.',
  items: {
    type: 'object',
    properties: { ipAddress: { type: 'string' }, prefix: { type: 'integer' }, type: { type: 'string', enum: ['ipv4', 'ipv6'] } },
    required: ['ipAddress', 'prefix', 'type'],
    additionalProperties: false,
  },
};

export const UNIVERSAL_AUTH_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: uuid,
    identityId: uuid,
    clientId: { ...uuid, description: 'Not a secret: sent with a client secret to log in.' },
    accessTokenTTL: { type: 'integer' },
    accessTokenMaxTTL: { type: 'integer' },
    accessTokenNumUsesLimit: { type: 'integer' },
    clientSecretTrustedIps: TRUSTED_IPS_SCHEMA,
    accessTokenTrustedIps: TRUSTED_IPS_SCHEMA,
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  required: [
    'id',
    'identityId',
    'clientId',
    'accessTokenTTL',
    'accessTokenMaxTTL',
    'accessTokenNumUsesLimit',
    'clientSecretTrustedIps',
    'accessTokenTrustedIps',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
};

export const CLIENT_SECRET_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: uuid,
    identityUAId: { ...uuid, description: 'The ID of the Universal Auth configuration.' },
    description: { type: 'string' },
    clientSecretPrefix: { type: 'string', description: 'The first 4 characters of the secret.' },
    clientSecretNumUses: { type: 'integer', description: 'Successful logins.' },
    clientSecretNumUsesLimit: { type: 'integer' },
    clientSecretTTL: { type: 'integer' },
    isClientSecretRevoked: { type: 'boolean' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  required: [
    'id',
    'identityUAId',
    'description',
    'clientSecretPrefix',
    'clientSecretNumUses',
    'clientSecretNumUsesLimit',
    'clientSecretTTL',
    'isClientSecretRevoked',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
};

export const LOGIN_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    accessToken: { type: 'string', description: 'Shown this once: paste it into Authorize to call the API as the identity.' },
    expiresIn: { type: 'integer', description: 'Seconds the token authenticates; 0: no expiry.' },
    accessTokenMaxTTL: { type: 'integer' },
    tokenType: { type: 'string', enum: ['Bearer'] },
  },
  required: ['accessToken', 'expiresIn', 'accessTokenMaxTTL', 'tokenType'],
  additionalProperties: false,
};

export interface UniversalAuthResponse {
  readonly id: string;
  readonly identityId: string;
  readonly clientId: string;
  readonly accessTokenTTL: number;
  readonly accessTokenMaxTTL: number;
  readonly accessTokenNumUsesLimit: number;
  readonly clientSecretTrustedIps: typeof OPEN_TRUSTED_IPS;
  readonly accessTokenTrustedIps: typeof OPEN_TRUSTED_IPS;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ClientSecretResponse {
  readonly id: string;
  readonly identityUAId: string;
  readonly description: string;
  readonly clientSecretPrefix: string;
  readonly clientSecretNumUses: number;
  readonly clientSecretNumUsesLimit: number;
  readonly clientSecretTTL: number;
  readonly isClientSecretRevoked: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Exactly the published keys. */
export function universalAuthResponse(ua: UniversalAuth): UniversalAuthResponse {
  const { id, identityId, clientId, accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit, createdAt, updatedAt } = ua;
  return {
    id,
    identityId,
    clientId,
    accessTokenTTL,
    accessTokenMaxTTL,
    accessTokenNumUsesLimit,
    clientSecretTrustedIps: OPEN_TRUSTED_IPS,
    accessTokenTrustedIps: OPEN_TRUSTED_IPS,
    createdAt,
    updatedAt,
  };
}

export function clientSecretResponse(secret: ClientSecret): ClientSecretResponse {
  return {
    id: secret.id,
    identityUAId: secret.universalAuthId,
    description: secret.description,
    clientSecretPrefix: secret.prefix,
    clientSecretNumUses: secret.numUses,
    clientSecretNumUsesLimit: secret.numUsesLimit,
    clientSecretTTL: secret.ttl,
    isClientSecretRevoked: secret.revoked,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
  };
}

export const UNIVERSAL_AUTH_EXAMPLE: UniversalAuthResponse = {
  id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  identityId: IDENTITY_EXAMPLE.id,
  clientId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  accessTokenTTL: 2592000,
  accessTokenMaxTTL: 2592000,
  accessTokenNumUsesLimit: 0,
  clientSecretTrustedIps: OPEN_TRUSTED_IPS,
  accessTokenTrustedIps: OPEN_TRUSTED_IPS,
  createdAt: '2026-01-15T09:31:00.000Z',
  updatedAt: '2026-01-15T09:31:00.000Z',
};

export const CLIENT_SECRET_EXAMPLE: ClientSecretResponse = {
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  identityUAId: UNIVERSAL_AUTH_EXAMPLE.id,
  description: 'GitHub Actions',
  clientSecretPrefix: '4f1c',
  clientSecretNumUses: 0,
  clientSecretNumUsesLimit: 0,
  clientSecretTTL: 0,
  isClientSecretRevoked: false,
  createdAt: '2026-01-15T09:32:00.000Z',
  updatedAt: '2026-01-15T09:32:00.000Z',
};
