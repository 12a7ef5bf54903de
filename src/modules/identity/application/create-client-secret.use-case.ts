import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../common/request-context';
import { hashToken } from '../token-hash';
import type { ClientSecret } from '../domain/universal-auth';
import { UniversalAuthMissingError } from '../domain/universal-auth-errors';
import { UniversalAuthRepository } from '../domain/universal-auth.repository';
import { UniversalAuthAccess } from './universal-auth-access';

export interface CreateClientSecretCommand {
  readonly identityId: string;
  readonly description?: string;
  readonly numUsesLimit?: number;
  readonly ttl?: number;
}

/** Creates a client secret: 256 random bits, answered this once and stored only as its hash. */
@Injectable()
export class CreateClientSecretUseCase {
  constructor(
    private readonly access: UniversalAuthAccess,
    private readonly universalAuths: UniversalAuthRepository,
  ) {}

  async execute(command: CreateClientSecretCommand, context: RequestContext): Promise<{ clientSecret: string; secret: ClientSecret }> {
    const universalAuth = await this.access.forCredentials(context.actor, 'create', command.identityId, 'createSecret');
    const clientSecret = randomBytes(32).toString('hex');
    const now = new Date().toISOString();
    const secret: ClientSecret = {
      id: randomUUID(),
      universalAuthId: universalAuth.id,
      description: command.description ?? '',
      prefix: clientSecret.slice(0, 4),
      numUses: 0,
      numUsesLimit: command.numUsesLimit ?? 0,
      ttl: command.ttl ?? 0,
      revoked: false,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.universalAuths.createSecret(command.identityId, secret, hashToken(clientSecret), context);
    } catch (error) {
      // Detached meanwhile: the secret's configuration is gone.
      if (!(await this.universalAuths.findByIdentity(command.identityId))) throw new UniversalAuthMissingError();
      throw error;
    }
    return { clientSecret, secret };
  }
}
