import type { SchemaObject } from '@nestjs/swagger';
import type { GroupUser } from '../domain/group-user';

/** The user answered by the membership routes, exactly as the seed contract publishes it. */
export const GROUP_USER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    email: { type: 'string', nullable: true },
    username: { type: 'string' },
    firstName: { type: 'string', nullable: true },
    lastName: { type: 'string', nullable: true },
    id: { type: 'string', format: 'uuid' },
  },
  required: ['username', 'id'],
  additionalProperties: false,
};

/** A member of group Engineering of the demo data: "Try it out" works on its username as it is. */
export const GROUP_USER_EXAMPLE: GroupUser = {
  id: '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34',
  username: 'alan.turing@example.com',
  email: 'alan.turing@example.com',
  firstName: 'Alan',
  lastName: 'Turing',
};

/** The example of a username parameter, as GROUP_ID_EXAMPLES. */
export const USERNAME_EXAMPLES = { 'alan.turing': { summary: 'Alan Turing, a member of Engineering in the demo data', value: GROUP_USER_EXAMPLE.username } };

/** Exactly the published keys, whatever else a GroupUser may carry one day. */
export function groupUserResponse(user: GroupUser): GroupUser {
  return { id: user.id, username: user.username, email: user.email, firstName: user.firstName, lastName: user.lastName };
}
