import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../permission.service';
import { DEFAULT_IDENTITY_ROLE, type Identity } from '../domain/identity';
import { OrganizationNotFoundError } from '../domain/identity-errors';
import { IdentityRepository } from '../domain/identity.repository';
import { assertIdentityRoleGrantable } from './assert-identity-role-grantable';

export interface CreateIdentityCommand {
  readonly name: string;
  /** `no-access` when absent. */
  readonly role?: string;
  readonly hasDeleteProtection?: boolean;
  /** When given, it must be the actor's organization. */
  readonly organizationId?: string;
}

/** Creates a machine identity in the actor's organization. */
@Injectable()
export class CreateIdentityUseCase {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: CreateIdentityCommand, context: RequestContext): Promise<Identity> {
    const { actor } = context;
    await this.permissions.assert(actor, 'create', 'identity');
    if (command.organizationId !== undefined && command.organizationId !== actor.orgId) throw new OrganizationNotFoundError(command.organizationId);
    const role = command.role ?? DEFAULT_IDENTITY_ROLE;
    await assertIdentityRoleGrantable(this.permissions, actor, role, 'create');
    const now = new Date().toISOString();
    const identity: Identity = {
      id: randomUUID(),
      orgId: actor.orgId,
      name: command.name,
      role,
      hasDeleteProtection: command.hasDeleteProtection ?? false,
      authMethods: [],
      lastLoginAuthMethod: null,
      lastLoginTime: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.identities.create(identity, context);
    return identity;
  }
}
