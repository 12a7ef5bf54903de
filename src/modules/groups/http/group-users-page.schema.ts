import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { GroupUsersPage } from '../infrastructure/group-users.query';

/** A page of List Group Users. */
export const GROUP_USERS_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    users: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          email: { type: 'string', nullable: true },
          username: { type: 'string' },
          firstName: { type: 'string', nullable: true },
          lastName: { type: 'string', nullable: true },
          isPartOfGroup: { type: 'boolean' },
          joinedGroupAt: { type: 'string', format: 'date-time', nullable: true, description: 'When the user joined the group; null for a non-member.' },
        },
        required: ['id', 'email', 'username', 'firstName', 'lastName', 'isPartOfGroup', 'joinedGroupAt'],
        additionalProperties: false,
      },
    },
    totalCount: { type: 'integer', description: 'How many users match, over all pages.' },
  },
  required: ['users', 'totalCount'],
  additionalProperties: false,
};

export const GROUP_USERS_PAGE_EXAMPLE: GroupUsersPage = {
  users: [
    {
      id: '5f1c7e6a-2b3d-4e8f-9a10-b2c3d4e5f607',
      email: 'alice@acme.test',
      username: 'alice@acme.test',
      firstName: 'Alice',
      lastName: 'Liddell',
      isPartOfGroup: true,
      joinedGroupAt: '2026-01-15T09:31:00.000Z',
    },
    { id: '6a2d8f7b-3c4e-4f90-8b21-c3d4e5f6a718', email: 'bob@acme.test', username: 'bob@acme.test', firstName: 'Bob', lastName: null, isPartOfGroup: false, joinedGroupAt: null },
  ],
  totalCount: 2,
};
