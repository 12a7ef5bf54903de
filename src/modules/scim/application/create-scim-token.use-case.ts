import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { PermissionService } from '../../identity/permission.service';
import { hashToken } from '../../identity/token-hash';
import { OrganizationNotFoundError, type ScimTokenRecord } from '../domain/scim-token';
import { ScimTokenRepository } from '../domain/scim-token.repository';

export interface CreateScimTokenCommand {
  readonly organizationId?: string;
  readonly description?: string;
  readonly ttlDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new SCIM token: 32 random bytes, URL-safe, recognisable by its prefix. */
export function generateScimToken(): string {
  return 'scim_' + randomBytes(32).toString('base64url');
}

/** Creates a SCIM token of the actor's organization; its secret is answered here, and only here. */
@Injectable()
export class CreateScimTokenUseCase {
  constructor(
    private readonly tokens: ScimTokenRepository,
    private readonly permissions: PermissionService,
  ) {}

  async execute(command: CreateScimTokenCommand, context: RequestContext): Promise<ScimTokenRecord & { scimToken: string }> {
    const { actor } = context;
    await this.permissions.assert(actor, 'create', 'scim');
    if (command.organizationId !== undefined && !(await this.tokens.isOrganization(actor.orgId, command.organizationId))) {
      throw new OrganizationNotFoundError(command.organizationId);
    }
    const now = Date.now();
    const ttlDays = command.ttlDays ?? 0;
    const token: ScimTokenRecord = {
      id: randomUUID(),
      orgId: actor.orgId,
      description: command.description ?? '',
      ttlDays,
      expiresAt: ttlDays === 0 ? null : new Date(now + ttlDays * DAY_MS).toISOString(),
      lastUsedAt: null,
      createdAt: new Date(now).toISOString(),
    };
    const scimToken = generateScimToken();
    await this.tokens.create(token, hashToken(scimToken), context);
    return { scimToken, ...token };
  }
}
