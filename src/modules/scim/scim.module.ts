import { Module } from '@nestjs/common';
import { CreateScimTokenUseCase } from './application/create-scim-token.use-case';
import { DeleteScimTokenUseCase } from './application/delete-scim-token.use-case';
import { ListScimTokensUseCase } from './application/list-scim-tokens.use-case';
import { ScimGroupRepository } from './application/scim-group.repository';
import { ScimGroupsService } from './application/scim-groups.service';
import { ScimUserRepository } from './application/scim-user.repository';
import { ScimUsersService } from './application/scim-users.service';
import { ScimTokenRepository } from './domain/scim-token.repository';
import { ScimAuthGuard } from './http/scim-auth.guard';
import { ScimDiscoveryController } from './http/scim-discovery.controller';
import { ScimErrorFilter } from './http/scim-error.filter';
import { ScimFallbackController } from './http/scim-fallback.controller';
import { ScimGroupsController } from './http/scim-groups.controller';
import { ScimTokensController } from './http/scim-tokens.controller';
import { ScimUnsupportedController } from './http/scim-unsupported.controller';
import { ScimUsersController } from './http/scim-users.controller';
import { SqlScimGroupRepository } from './infrastructure/sql-scim-group.repository';
import { SqlScimTokenRepository } from './infrastructure/sql-scim-token.repository';
import { SqlScimUserRepository } from './infrastructure/sql-scim-user.repository';
import { IdentityModule } from '../identity/identity.module';

/** SCIM 2.0 provisioning by identity providers, and the SCIM tokens they use. */
@Module({
  imports: [IdentityModule],
  // Routes are matched in this order: the unsupported ones before `Users/:id`, the fallback last.
  controllers: [ScimTokensController, ScimUnsupportedController, ScimUsersController, ScimGroupsController, ScimDiscoveryController, ScimFallbackController],
  providers: [
    CreateScimTokenUseCase,
    ListScimTokensUseCase,
    DeleteScimTokenUseCase,
    { provide: ScimTokenRepository, useClass: SqlScimTokenRepository },
    ScimUsersService,
    ScimGroupsService,
    { provide: ScimUserRepository, useClass: SqlScimUserRepository },
    { provide: ScimGroupRepository, useClass: SqlScimGroupRepository },
    ScimAuthGuard,
    ScimErrorFilter,
  ],
})
export class ScimModule {}
