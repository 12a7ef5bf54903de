import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServiceRequest } from '../../common/pipeline/request-id';
import { IS_PUBLIC } from '../identity/public.decorator';
import { RequestLimits } from './request-limits';

/** The request limits of every route (see RequestLimits), a public route's counted by client IP. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RequestLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const open = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
    await this.limits.count(context.switchToHttp().getRequest<ServiceRequest>(), open);
    return true;
  }
}
