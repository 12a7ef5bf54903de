import { Module } from '@nestjs/common';
import { AddGroupUserUseCase } from './application/add-group-user.use-case';
import { CreateGroupUseCase } from './application/create-group.use-case';
import { DeleteGroupUseCase } from './application/delete-group.use-case';
import { GetGroupUseCase } from './application/get-group.use-case';
import { ListGroupUsersUseCase } from './application/list-group-users.use-case';
import { ListGroupsUseCase } from './application/list-groups.use-case';
import { RemoveGroupUserUseCase } from './application/remove-group-user.use-case';
import { UpdateGroupUseCase } from './application/update-group.use-case';
import { GroupRepository } from './domain/group.repository';
import { GroupMembersController } from './http/group-members.controller';
import { GroupsController } from './http/groups.controller';
import { GroupUsersQuery } from './infrastructure/group-users.query';
import { SqlGroupRepository } from './infrastructure/sql-group.repository';

@Module({
  controllers: [GroupsController, GroupMembersController],
  providers: [
    RemoveGroupUserUseCase,
    { provide: GroupRepository, useClass: SqlGroupRepository },
    CreateGroupUseCase,
    ListGroupsUseCase,
    GetGroupUseCase,
    UpdateGroupUseCase,
    DeleteGroupUseCase,
    AddGroupUserUseCase,
    ListGroupUsersUseCase,
    GroupUsersQuery,
  ],
})
export class GroupsModule {}
