import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { type AuditLogCriteria, type AuditLogPage, AuditLogsQuery } from './audit-logs.query';

/** A page of the audit log of the actor's organization, newest first. */
@Injectable()
export class ListAuditLogsUseCase {
  constructor(
    private readonly auditLogs: AuditLogsQuery,
    private readonly permissions: PermissionService,
  ) {}

  async execute(criteria: AuditLogCriteria, context: RequestContext): Promise<AuditLogPage> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'audit-logs');
    return this.auditLogs.page(actor.orgId, criteria);
  }
}
