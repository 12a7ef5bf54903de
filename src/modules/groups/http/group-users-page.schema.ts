import type { SchemaObject } from '@nestjs/swagger';
import type { GroupUsersPage } from '../application/group-users.query';

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

/** The first users of group Engineering of the demo data, a member and not. */
export const GROUP_USERS_PAGE_EXAMPLE: GroupUsersPage = {
  users: [
    {
      id: '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34',
      email: 'alan.turing@example.com',
      username: 'alan.turing@example.com',
      firstName: 'Alan',
      lastName: 'Turing',
      isPartOfGroup: true,
      joinedGroupAt: '2026-01-15T09:31:00.000Z',
    },
    {
      id: '8b1e4d2a-6c3f-4a9b-b7d0-2e5f8a1c3d69',
      email: 'grace.hopper@example.com',
      username: 'grace.hopper@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      isPartOfGroup: false,
      joinedGroupAt: null,
    },
  ],
  totalCount: 7,
};
