import { Module } from '@nestjs/common';
import { AuditLogsQuery } from './application/audit-logs.query';
import { ListAuditLogsUseCase } from './application/list-audit-logs.use-case';
import { AuditLogsController } from './http/audit-logs.controller';
import { SqlAuditLogsQuery } from './infrastructure/sql-audit-logs.query';

/** The audit log you can read. Entries are written by `auditLogStep`, in the same write as each change. */
@Module({
  controllers: [AuditLogsController],
  providers: [ListAuditLogsUseCase, { provide: AuditLogsQuery, useClass: SqlAuditLogsQuery }],
})
export class AuditModule {}
