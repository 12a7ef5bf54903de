import { Module } from '@nestjs/common';
import { CreateScimTokenUseCase } from './application/create-scim-token.use-case';
import { DeleteScimTokenUseCase } from './application/delete-scim-token.use-case';
import { ListScimTokensUseCase } from './application/list-scim-tokens.use-case';
import { ScimTokensController } from './http/scim-tokens.controller';
import { ScimTokenRepository } from './infrastructure/scim-token.repository';

/** SCIM 2.0 provisioning by identity providers, and the SCIM tokens they use. */
@Module({
  controllers: [ScimTokensController],
  providers: [CreateScimTokenUseCase, ListScimTokensUseCase, DeleteScimTokenUseCase, ScimTokenRepository],
})
export class ScimModule {}
