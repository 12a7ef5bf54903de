import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Group } from '../domain/group';

export interface GroupResponse {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly slug: string;
  readonly role: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A group as the group routes answer it. */
export const GROUP_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    orgId: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    slug: { type: 'string' },
    role: { type: 'string', description: 'The role that the group grants its members: built in or the slug of a custom role.' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'orgId', 'name', 'slug', 'role', 'createdAt', 'updatedAt'],
  additionalProperties: false,
};

export const GROUP_EXAMPLE: GroupResponse = {
  id: '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01',
  orgId: '7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7',
  name: 'Engineering',
  slug: 'engineering',
  role: 'member',
  createdAt: '2026-01-15T09:30:00.000Z',
  updatedAt: '2026-01-15T09:30:00.000Z',
};

/** Exactly the published keys. */
export function groupResponse(group: Group): GroupResponse {
  const { id, orgId, name, slug, role, createdAt, updatedAt } = group.toProps();
  return { id, orgId, name, slug, role, createdAt, updatedAt };
}
