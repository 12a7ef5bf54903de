import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CreateIdentityUseCase } from './application/create-identity.use-case';
import { DeleteIdentityUseCase } from './application/delete-identity.use-case';
import { GetIdentityUseCase } from './application/get-identity.use-case';
import { ListIdentitiesUseCase } from './application/list-identities.use-case';
import { UpdateIdentityUseCase } from './application/update-identity.use-case';
import { AttachUniversalAuthUseCase } from './application/attach-universal-auth.use-case';
import { GetUniversalAuthUseCase } from './application/get-universal-auth.use-case';
import { UpdateUniversalAuthUseCase } from './application/update-universal-auth.use-case';
import { DetachUniversalAuthUseCase } from './application/detach-universal-auth.use-case';
import { CreateClientSecretUseCase } from './application/create-client-secret.use-case';
import { ListClientSecretsUseCase } from './application/list-client-secrets.use-case';
import { GetClientSecretUseCase } from './application/get-client-secret.use-case';
import { RevokeClientSecretUseCase } from './application/revoke-client-secret.use-case';
import { LoginUniversalAuthUseCase } from './application/login-universal-auth.use-case';
import { RevokeAccessTokenUseCase } from './application/revoke-access-token.use-case';
import { UniversalAuthAccess } from './application/universal-auth-access';
import { UniversalAuthRepository } from './domain/universal-auth.repository';
import { AuthenticationController } from './http/authentication.controller';
import { UniversalAuthController } from './http/universal-auth.controller';
import { SqlUniversalAuthRepository } from './infrastructure/sql-universal-auth.repository';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { BearerAuthGuard } from './bearer-auth.guard';
import { IdentityRepository } from './domain/identity.repository';
import { IdentitiesController } from './http/identities.controller';
import { SqlIdentityRepository } from './infrastructure/sql-identity.repository';
import { PermissionService } from './permission.service';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UnknownTokenRefusal } from './unknown-token-refusal';

/** Users' and machine identities' authentication, the permissions of every actor, and machine identities with their Universal Auth. */
@Module({
  imports: [RateLimitModule],
  controllers: [IdentitiesController, UniversalAuthController, AuthenticationController],
  providers: [
    PermissionService,
    AuthFailureLimiter,
    BearerAuthGuard,
    { provide: APP_GUARD, useExisting: BearerAuthGuard },
    UnknownTokenRefusal,
    { provide: IdentityRepository, useClass: SqlIdentityRepository },
    CreateIdentityUseCase,
    ListIdentitiesUseCase,
    GetIdentityUseCase,
    UpdateIdentityUseCase,
    DeleteIdentityUseCase,
    { provide: UniversalAuthRepository, useClass: SqlUniversalAuthRepository },
    UniversalAuthAccess,
    AttachUniversalAuthUseCase,
    GetUniversalAuthUseCase,
    UpdateUniversalAuthUseCase,
    DetachUniversalAuthUseCase,
    CreateClientSecretUseCase,
    ListClientSecretsUseCase,
    GetClientSecretUseCase,
    RevokeClientSecretUseCase,
    LoginUniversalAuthUseCase,
    RevokeAccessTokenUseCase,
  ],
  exports: [PermissionService, AuthFailureLimiter],
})
export class IdentityModule {}
