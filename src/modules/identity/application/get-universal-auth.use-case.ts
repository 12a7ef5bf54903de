import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../common/request-context';
import type { UniversalAuth } from '../domain/universal-auth';
import { UniversalAuthAccess } from './universal-auth-access';

/** The Universal Auth configuration of an identity of the actor's organization. */
@Injectable()
export class GetUniversalAuthUseCase {
  constructor(private readonly access: UniversalAuthAccess) {}

  execute(identityId: string, context: RequestContext): Promise<UniversalAuth> {
    return this.access.attached(context.actor, 'read', identityId);
  }
}
