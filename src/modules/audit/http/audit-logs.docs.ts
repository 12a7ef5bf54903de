import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../../common/docs/api-docs';
import { AUDIT_LOG_PAGE_EXAMPLE, AUDIT_LOG_PAGE_SCHEMA } from './audit-log.schema';

// The OpenAPI metadata of the routes of AuditLogsController, a decorator bundle each, so that the controller reads as routes.

const EXAMPLE_REQ_ID = 'req-8mG2xQ4vT7nL0a';

export const ApiListAuditLogs = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List Audit Logs',
      operationId: 'listAuditLogs',
      description:
        'Pages through the audit log of the organization of the token, newest first: one entry per change made through the API, ' +
        'written in the same transaction as the change. Needs `read` on audit-logs (admins have it).',
    }),
    ApiOkResponse({ description: 'Default Response', content: { 'application/json': { schema: AUDIT_LOG_PAGE_SCHEMA, example: AUDIT_LOG_PAGE_EXAMPLE } } }),
    ApiErrorResponses([401, 403, 422, 500], {
      401: { reqId: EXAMPLE_REQ_ID, statusCode: 401, message: 'Token missing', error: 'UnauthorizedError' },
      403: {
        reqId: EXAMPLE_REQ_ID,
        statusCode: 403,
        message: 'You are not allowed to read on audit-logs',
        error: 'PermissionDenied',
        details: { missingPermissions: [{ action: 'read', subject: 'audit-logs' }] },
      },
      422: {
        reqId: EXAMPLE_REQ_ID,
        statusCode: 422,
        message: [
          { code: 'matches', message: 'startDate must be an ISO 8601 date or date-time, like 2026-01-31 or 2026-01-31T12:00:00Z', path: ['startDate'] },
        ],
        error: 'ValidationFailure',
      },
      500: { reqId: EXAMPLE_REQ_ID, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' },
    }),
  );
