import { Module } from '@nestjs/common';
import { ListAuditLogsUseCase } from './application/list-audit-logs.use-case';
import { AuditLogsController } from './http/audit-logs.controller';
import { AuditLogsQuery } from './infrastructure/audit-logs.query';

/** The audit log you can read. Entries are written by `auditLogStep`, in the same write as each change. */
@Module({
  controllers: [AuditLogsController],
  providers: [ListAuditLogsUseCase, AuditLogsQuery],
})
export class AuditModule {}
