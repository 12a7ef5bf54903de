import { Module } from '@nestjs/common';
import { AuditLogsQuery } from './application/audit-logs.query';
import { ListAuditLogsUseCase } from './application/list-audit-logs.use-case';
import { AuditLogsController } from './http/audit-logs.controller';
import { SqlAuditLogsQuery } from './infrastructure/sql-audit-logs.query';
import { IdentityModule } from '../identity/identity.module';

/** The audit log you can read. Entries are written by `auditLogStep`, in the same write as each change. */
@Module({
  imports: [IdentityModule],
  controllers: [AuditLogsController],
  providers: [ListAuditLogsUseCase, { provide: AuditLogsQuery, useClass: SqlAuditLogsQuery }],
})
export class AuditModule {}
