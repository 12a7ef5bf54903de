import { Module } from '@nestjs/common';
import { CreateScimTokenUseCase } from './application/create-scim-token.use-case';
import { DeleteScimTokenUseCase } from './application/delete-scim-token.use-case';
import { ListScimTokensUseCase } from './application/list-scim-tokens.use-case';
import { ScimGroupsService } from './application/scim-groups.service';
import { ScimUsersService } from './application/scim-users.service';
import { ScimAuthGuard } from './http/scim-auth.guard';
import { ScimDiscoveryController } from './http/scim-discovery.controller';
import { ScimErrorFilter } from './http/scim-error.filter';
import { ScimFallbackController } from './http/scim-fallback.controller';
import { ScimGroupsController } from './http/scim-groups.controller';
import { ScimTokensController } from './http/scim-tokens.controller';
import { ScimUnsupportedController } from './http/scim-unsupported.controller';
import { ScimUsersController } from './http/scim-users.controller';
import { ScimGroupRepository } from './infrastructure/scim-group.repository';
import { ScimTokenRepository } from './infrastructure/scim-token.repository';
import { ScimUserRepository } from './infrastructure/scim-user.repository';

/** SCIM 2.0 provisioning by identity providers, and the SCIM tokens they use. */
@Module({
  // Routes are matched in this order: the unsupported ones before `Users/:id`, the fallback last.
  controllers: [ScimTokensController, ScimUnsupportedController, ScimUsersController, ScimGroupsController, ScimDiscoveryController, ScimFallbackController],
  providers: [
    CreateScimTokenUseCase,
    ListScimTokensUseCase,
    DeleteScimTokenUseCase,
    ScimTokenRepository,
    ScimUsersService,
    ScimGroupsService,
    ScimUserRepository,
    ScimGroupRepository,
    ScimAuthGuard,
    ScimErrorFilter,
  ],
})
export class ScimModule {}
