import { Module } from '@nestjs/common';
import { RemoveGroupUserUseCase } from './application/remove-group-user.use-case';
import { GroupRepository } from './domain/group.repository';
import { GroupMembersController } from './http/group-members.controller';
import { SqlGroupRepository } from './infrastructure/sql-group.repository';

@Module({
  controllers: [GroupMembersController],
  providers: [RemoveGroupUserUseCase, { provide: GroupRepository, useClass: SqlGroupRepository }],
})
export class GroupsModule {}
