import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../../common/docs/api-docs';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { ListAuditLogsUseCase } from '../application/list-audit-logs.use-case';
import type { AuditLogPage } from '../application/audit-logs.query';
import { AUDIT_LOG_PAGE_EXAMPLE, AUDIT_LOG_PAGE_SCHEMA } from './audit-log.schema';
import { AuditLogsQueryDto } from './audit-logs-query.dto';

const EXAMPLE_REQ_ID = 'req-8mG2xQ4vT7nL0a';

@ApiTags('Audit Logs')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/organization/audit-logs')
export class AuditLogsController {
  constructor(private readonly listAuditLogs: ListAuditLogsUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'List Audit Logs',
    operationId: 'listAuditLogs',
    description:
      'Pages through the audit log of the organization of the token, newest first: one entry per change made through the API, ' +
      'written in the same transaction as the change. Needs `read` on audit-logs (admins have it).',
  })
  @ApiOkResponse({ description: 'Default Response', content: { 'application/json': { schema: AUDIT_LOG_PAGE_SCHEMA, example: AUDIT_LOG_PAGE_EXAMPLE } } })
  @ApiErrorResponses([401, 403, 422, 500], {
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
      message: [{ code: 'matches', message: 'startDate must be an ISO 8601 date or date-time, like 2026-01-31 or 2026-01-31T12:00:00Z', path: ['startDate'] }],
      error: 'ValidationFailure',
    },
    500: { reqId: EXAMPLE_REQ_ID, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' },
  })
  list(@Query() query: AuditLogsQueryDto, @Req() request: ServiceRequest): Promise<AuditLogPage> {
    return this.listAuditLogs.execute(query, requestContext(request));
  }
}
