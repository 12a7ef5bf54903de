import type { SchemaObject } from '@nestjs/swagger';
import type { Identity } from '../domain/identity';

const timestamp: SchemaObject = { type: 'string', format: 'date-time' };
const authMethods: SchemaObject = {
  type: 'array',
  items: { type: 'string', enum: ['universal-auth'] },
  description: '`["universal-auth"]` once Universal Auth is attached.',
};

export interface IdentityResponse {
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly hasDeleteProtection: boolean;
  readonly authMethods: string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface IdentityMembershipResponse {
  readonly identityId: string;
  readonly orgId: string;
  readonly role: string;
  readonly lastLoginAuthMethod: string | null;
  readonly lastLoginTime: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly identity: Omit<IdentityResponse, 'createdAt' | 'updatedAt'>;
}

const IDENTITY_PROPERTIES: Record<string, SchemaObject> = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string' },
  orgId: { type: 'string', format: 'uuid' },
  hasDeleteProtection: { type: 'boolean' },
  authMethods,
};

/** A machine identity, as create, update and delete answer it. */
export const IDENTITY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { ...IDENTITY_PROPERTIES, createdAt: timestamp, updatedAt: timestamp },
  required: ['id', 'name', 'orgId', 'hasDeleteProtection', 'authMethods', 'createdAt', 'updatedAt'],
  additionalProperties: false,
};

/** A machine identity in its organization, as get and list answer it. */
export const IDENTITY_MEMBERSHIP_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    identityId: { type: 'string', format: 'uuid' },
    orgId: { type: 'string', format: 'uuid' },
    role: { type: 'string', description: 'The org role of the identity: built in or the slug of a custom role.' },
    // A nullable enum lists null among its values (OpenAPI 3.0.3), or validators and generators refuse it.
    lastLoginAuthMethod: { type: 'string', enum: ['universal-auth', null], nullable: true, description: 'null before the first login.' },
    lastLoginTime: { ...timestamp, nullable: true, description: 'The time of the last successful login.' },
    createdAt: timestamp,
    updatedAt: timestamp,
    identity: {
      type: 'object',
      properties: IDENTITY_PROPERTIES,
      required: ['id', 'name', 'orgId', 'hasDeleteProtection', 'authMethods'],
      additionalProperties: false,
    },
  },
  required: ['identityId', 'orgId', 'role', 'lastLoginAuthMethod', 'lastLoginTime', 'createdAt', 'updatedAt', 'identity'],
  additionalProperties: false,
};

export const IDENTITY_EXAMPLE: IdentityResponse = {
  id: '5b0e6f7a-2c1d-4e3f-8a9b-0c1d2e3f4a5b',
  name: 'ci-deployer',
  orgId: '7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7',
  hasDeleteProtection: false,
  authMethods: ['universal-auth'],
  createdAt: '2026-01-15T09:30:00.000Z',
  updatedAt: '2026-01-15T09:30:00.000Z',
};

export const IDENTITY_MEMBERSHIP_EXAMPLE: IdentityMembershipResponse = {
  identityId: IDENTITY_EXAMPLE.id,
  orgId: IDENTITY_EXAMPLE.orgId,
  role: 'member',
  lastLoginAuthMethod: 'universal-auth',
  lastLoginTime: '2026-01-16T08:00:00.000Z',
  createdAt: IDENTITY_EXAMPLE.createdAt,
  updatedAt: IDENTITY_EXAMPLE.updatedAt,
  identity: { id: IDENTITY_EXAMPLE.id, name: 'ci-deployer', orgId: IDENTITY_EXAMPLE.orgId, hasDeleteProtection: false, authMethods: ['universal-auth'] },
};

/** The `identityId` path parameter of the identity routes. */
export const IDENTITY_ID_PARAM = {
  name: 'identityId',
  description: 'The ID of the identity.',
  schema: { type: 'string', format: 'uuid' },
  examples: { identity: { summary: 'An identity ID', value: IDENTITY_EXAMPLE.id } },
} as const;

/** Exactly the published keys. */
export function identityResponse(identity: Identity): IdentityResponse {
  const { id, name, orgId, hasDeleteProtection, authMethods, createdAt, updatedAt } = identity;
  return { id, name, orgId, hasDeleteProtection, authMethods, createdAt, updatedAt };
}

export function identityMembershipResponse(identity: Identity): IdentityMembershipResponse {
  const { id, name, orgId, role, hasDeleteProtection, authMethods, lastLoginAuthMethod, lastLoginTime, createdAt, updatedAt } = identity;
  return {
    identityId: id,
    orgId,
    role,
    lastLoginAuthMethod,
    lastLoginTime,
    createdAt,
    updatedAt,
    identity: { id, name, orgId, hasDeleteProtection, authMethods },
  };
}
