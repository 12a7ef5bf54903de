import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { OrganizationNotFoundError, type ScimTokenRecord } from '../domain/scim-token';
import { ScimTokenRepository } from '../domain/scim-token.repository';

/** The SCIM tokens of the actor's organization, newest first. */
@Injectable()
export class ListScimTokensUseCase {
  constructor(
    private readonly tokens: ScimTokenRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(organizationId: string | undefined, context: RequestContext): Promise<ScimTokenRecord[]> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'scim');
    if (organizationId !== undefined && !(await this.tokens.isOrganization(actor.orgId, organizationId))) {
      throw new OrganizationNotFoundError(organizationId);
    }
    return this.tokens.listInOrg(actor.orgId);
  }
}
