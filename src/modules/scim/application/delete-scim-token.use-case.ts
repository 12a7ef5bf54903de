import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { type ScimTokenRecord, ScimTokenNotFoundError } from '../domain/scim-token';
import { ScimTokenRepository } from '../domain/scim-token.repository';

/** Deletes, and so revokes at once, a SCIM token of the actor's organization. */
@Injectable()
export class DeleteScimTokenUseCase {
  constructor(
    private readonly tokens: ScimTokenRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(id: string, context: RequestContext): Promise<ScimTokenRecord> {
    const { actor } = context;
    await this.permissions.assert(actor, 'delete', 'scim');
    const token = await this.tokens.findInOrg(actor.orgId, id);
    // A concurrent deletion may win: the row count decides.
    if (!token || !(await this.tokens.delete(token, context))) throw new ScimTokenNotFoundError(id);
    return token;
  }
}
