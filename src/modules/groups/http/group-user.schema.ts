import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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

/** Exactly the published keys, whatever else a GroupUser may carry one day. */
export function groupUserResponse(user: GroupUser): GroupUser {
  return { id: user.id, username: user.username, email: user.email, firstName: user.firstName, lastName: user.lastName };
}
