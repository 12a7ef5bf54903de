import type { SchemaObject } from '@nestjs/swagger';
import { AUDIT_EVENT_TYPES } from '../domain/audit-event';
import type { AuditLogPage } from '../application/audit-logs.query';

const nullableString: SchemaObject = { type: 'string', nullable: true };

/** The actor of an entry: a user, or a machine identity, with its id and name at the time. */
function actorSchema(type: 'user' | 'identity' | 'scimClient', metadata: Record<string, SchemaObject>): SchemaObject {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [type] },
      metadata: { type: 'object', properties: metadata, required: Object.keys(metadata), additionalProperties: false },
    },
    required: ['type', 'metadata'],
    additionalProperties: false,
  };
}

/** A page of List Audit Logs. */
export const AUDIT_LOG_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    auditLogs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          event: {
            type: 'object',
            properties: {
              type: { type: 'string', enum: [...AUDIT_EVENT_TYPES] },
              metadata: {
                type: 'object',
                additionalProperties: true,
                description: 'What the event changed: the group or the identity, and the member for membership events.',
              },
            },
            required: ['type', 'metadata'],
            additionalProperties: false,
          },
          actor: {
            oneOf: [
              actorSchema('user', { userId: { type: 'string', format: 'uuid', nullable: true }, username: nullableString }),
              actorSchema('identity', { identityId: { type: 'string', format: 'uuid', nullable: true }, name: nullableString }),
              actorSchema('scimClient', { scimTokenId: { type: 'string', format: 'uuid', nullable: true } }),
            ],
          },
          reqId: { ...nullableString, description: 'The request that made the change, as in its X-Request-Id header.' },
          ipAddress: nullableString,
          userAgent: nullableString,
          createdAt: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'event', 'actor', 'reqId', 'ipAddress', 'userAgent', 'createdAt'],
        additionalProperties: false,
      },
    },
    totalCount: { type: 'integer', description: 'How many entries match, over all pages.' },
  },
  required: ['auditLogs', 'totalCount'],
  additionalProperties: false,
};

export const AUDIT_LOG_PAGE_EXAMPLE: AuditLogPage = {
  auditLogs: [
    {
      id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      event: {
        type: 'add-user-to-group',
        metadata: {
          groupId: '20365ff2-dea5-4457-9203-7e9658fe1f09',
          groupName: 'Engineering',
          userId: '3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34',
          username: 'alan.turing@example.com',
        },
      },
      actor: { type: 'user', metadata: { userId: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b', username: 'admin' } },
      reqId: 'req-8mG2xQ4vT7nL0a',
      ipAddress: '203.0.113.7',
      userAgent: 'curl/8.5.0',
      createdAt: '2026-01-15T09:31:00.000Z',
    },
  ],
  totalCount: 1,
};
