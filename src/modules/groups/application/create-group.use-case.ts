import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { Group } from '../domain/group';
import { GroupSlugTakenError } from '../domain/group-errors';
import { randomSlugSuffix, slugFromName, withSuffix } from '../domain/group-slug';
import { GroupRepository } from '../domain/group.repository';
import { assertRoleGrantable } from './assert-role-grantable';

export interface CreateGroupCommand {
  readonly name: string;
  /** Derived from the name when absent. */
  readonly slug?: string;
  /** `no-access` when absent. */
  readonly role?: string;
}

export const DEFAULT_GROUP_ROLE = 'no-access';

/** Creates a group in the actor's organization. */
@Injectable()
export class CreateGroupUseCase {
  constructor(
    private readonly groups: GroupRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: CreateGroupCommand, context: RequestContext): Promise<Group> {
    const { actor } = context;
    await this.permissions.assert(actor, 'create', 'groups');
    const role = command.role ?? DEFAULT_GROUP_ROLE;
    await assertRoleGrantable(this.permissions, actor, role, 'create');
    const now = new Date().toISOString();
    const groupWithSlug = (slug: string) =>
      new Group({ id: randomUUID(), orgId: actor.orgId, name: command.name, slug, role, managedExternally: false, createdAt: now, updatedAt: now });

    if (command.slug !== undefined) return this.create(groupWithSlug(command.slug), context);
    const derived = slugFromName(command.name);
    try {
      return await this.create(groupWithSlug(derived), context);
    } catch (error) {
      if (!(error instanceof GroupSlugTakenError)) throw error;
    }
    // The caller asked for no slug in particular: a second group of the same name steps aside, once.
    return this.create(groupWithSlug(withSuffix(derived, randomSlugSuffix())), context);
  }

  private async create(group: Group, context: RequestContext): Promise<Group> {
    await this.groups.create(group, context);
    return group;
  }
}
