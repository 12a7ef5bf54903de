import type { SchemaObject } from '@nestjs/swagger';
import type { Group } from '../domain/group';

export interface GroupResponse {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly slug: string;
  readonly role: string;
  /** The id of the custom role the group grants; null for a built-in role. */
  readonly roleId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Get Group By ID also names the custom role by its slug, as the reference API does. */
export interface GroupWithCustomRoleResponse extends GroupResponse {
  readonly customRoleSlug: string | null;
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
    roleId: { type: 'string', format: 'uuid', nullable: true, description: 'The ID of the custom role the group grants; null for a built-in role.' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'orgId', 'name', 'slug', 'role', 'roleId', 'createdAt', 'updatedAt'],
  additionalProperties: false,
};

/** A group as Get Group By ID answers it. */
export const GROUP_WITH_CUSTOM_ROLE_SCHEMA: SchemaObject = {
  ...GROUP_SCHEMA,
  properties: {
    ...GROUP_SCHEMA.properties,
    customRoleSlug: { type: 'string', nullable: true, description: 'The slug of the custom role the group grants; null for a built-in role.' },
  },
  required: [...(GROUP_SCHEMA.required ?? []), 'customRoleSlug'],
};

/** Group Engineering of the demo data: "Try it out" works on its ID as it is. */
export const GROUP_EXAMPLE: GroupResponse = {
  id: '20365ff2-dea5-4457-9203-7e9658fe1f09',
  orgId: '7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7',
  name: 'Engineering',
  slug: 'engineering',
  role: 'member',
  roleId: null,
  createdAt: '2026-01-15T09:30:00.000Z',
  updatedAt: '2026-01-15T09:30:00.000Z',
};

/**
 * The example of a group ID parameter, which Swagger UI puts in the field of "Try it out". Given as
 * `examples`: @nestjs/swagger drops the `example` of a parameter that has a schema.
 */
export const GROUP_ID_EXAMPLES = { engineering: { summary: 'Engineering, of the demo data', value: GROUP_EXAMPLE.id } };

/** Exactly the published keys; `customRoleIds` gives the id of each custom role by slug. */
export function groupResponse(group: Group, customRoleIds: ReadonlyMap<string, string>): GroupResponse {
  const { id, orgId, name, slug, role, createdAt, updatedAt } = group.toProps();
  return { id, orgId, name, slug, role, roleId: customRoleIds.get(role) ?? null, createdAt, updatedAt };
}

export function groupWithCustomRoleResponse(group: Group, customRoleIds: ReadonlyMap<string, string>): GroupWithCustomRoleResponse {
  const answer = groupResponse(group, customRoleIds);
  return { ...answer, customRoleSlug: answer.roleId === null ? null : answer.role };
}
