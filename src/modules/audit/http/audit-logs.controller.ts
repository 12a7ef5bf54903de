import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requestContext, type ServiceRequest } from '../../../common/pipeline/request-id';
import { ListAuditLogsUseCase } from '../application/list-audit-logs.use-case';
import type { AuditLogPage } from '../application/audit-logs.query';
import { AuditLogsQueryDto } from './audit-logs-query.dto';
import { ApiListAuditLogs } from './audit-logs.docs';

@ApiTags('Audit Logs')
@ApiBearerAuth('bearerAuth')
@Controller('api/v1/organization/audit-logs')
export class AuditLogsController {
  constructor(private readonly listAuditLogs: ListAuditLogsUseCase) {}

  @Get()
  @ApiListAuditLogs()
  list(@Query() query: AuditLogsQueryDto, @Req() request: ServiceRequest): Promise<AuditLogPage> {
    return this.listAuditLogs.execute(query, requestContext(request));
  }
}
