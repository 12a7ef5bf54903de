import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import type { Identity, IdentityChanges } from '../domain/identity';
import { IdentityNotFoundError } from '../domain/identity-errors';
import { IdentityRepository } from '../domain/identity.repository';
import { assertIdentityRoleGrantable } from './assert-identity-role-grantable';

export interface UpdateIdentityCommand {
  readonly identityId: string;
  readonly changes: IdentityChanges;
}

/** Changes the name, role or delete protection of a machine identity of the actor's organization. */
@Injectable()
export class UpdateIdentityUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute({ identityId, changes }: UpdateIdentityCommand, context: RequestContext): Promise<Identity> {
    const { actor } = context;
    await this.permissions.assert(actor, 'edit', 'identity');
    const identity = await this.identities.findInOrg(actor.orgId, identityId);
    if (!identity) throw new IdentityNotFoundError(identityId);
    if (changes.role !== undefined) await assertIdentityRoleGrantable(this.permissions, actor, changes.role, 'update');
    const edited: Identity = {
      ...identity,
      name: changes.name ?? identity.name,
      role: changes.role ?? identity.role,
      hasDeleteProtection: changes.hasDeleteProtection ?? identity.hasDeleteProtection,
      updatedAt: new Date().toISOString(),
    };
    if (!(await this.identities.update(edited, context))) throw new IdentityNotFoundError(identityId);
    return edited;
  }
}
