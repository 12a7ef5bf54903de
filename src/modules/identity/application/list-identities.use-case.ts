import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import { OrganizationNotFoundError } from '../domain/identity-errors';
import { type IdentityPage, type IdentityPageCriteria, IdentityRepository } from '../domain/identity.repository';

export interface ListIdentitiesQuery extends IdentityPageCriteria {
  /** When given, it must be the actor's organization. */
  readonly orgId?: string;
}

/** A page of the machine identities of the actor's organization. */
@Injectable()
export class ListIdentitiesUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(query: ListIdentitiesQuery, context: RequestContext): Promise<IdentityPage> {
    const { actor } = context;
    await this.permissions.assert(actor, 'read', 'identity');
    if (query.orgId !== undefined && query.orgId !== actor.orgId) throw new OrganizationNotFoundError(query.orgId);
    return this.identities.page(actor.orgId, query);
  }
}
