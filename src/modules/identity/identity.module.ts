import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { BearerAuthGuard } from './bearer-auth.guard';
import { PermissionService } from './permission.service';

@Global()
@Module({
  providers: [PermissionService, AuthFailureLimiter, { provide: APP_GUARD, useClass: BearerAuthGuard }],
  exports: [PermissionService],
})
export class IdentityModule {}
