import { Module } from '@nestjs/common';
import { AddGroupIdentityUseCase } from './application/add-group-identity.use-case';
import { AddGroupUserUseCase } from './application/add-group-user.use-case';
import { CreateGroupUseCase } from './application/create-group.use-case';
import { DeleteGroupUseCase } from './application/delete-group.use-case';
import { GetGroupUseCase } from './application/get-group.use-case';
import { ListGroupIdentitiesUseCase } from './application/list-group-identities.use-case';
import { ListGroupMembersUseCase } from './application/list-group-members.use-case';
import { ListGroupUsersUseCase } from './application/list-group-users.use-case';
import { ListGroupsUseCase } from './application/list-groups.use-case';
import { RemoveGroupIdentityUseCase } from './application/remove-group-identity.use-case';
import { RemoveGroupUserUseCase } from './application/remove-group-user.use-case';
import { UpdateGroupUseCase } from './application/update-group.use-case';
import { GroupRepository } from './domain/group.repository';
import { GroupIdentitiesController } from './http/group-identities.controller';
import { GroupMembersController } from './http/group-members.controller';
import { GroupsController } from './http/groups.controller';
import { GroupIdentitiesQuery } from './infrastructure/group-identities.query';
import { GroupMembersQuery } from './infrastructure/group-members.query';
import { GroupRolesQuery } from './infrastructure/group-roles.query';
import { GroupUsersQuery } from './infrastructure/group-users.query';
import { SqlGroupRepository } from './infrastructure/sql-group.repository';

@Module({
  controllers: [GroupsController, GroupMembersController, GroupIdentitiesController],
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
    AddGroupIdentityUseCase,
    RemoveGroupIdentityUseCase,
    ListGroupIdentitiesUseCase,
    ListGroupMembersUseCase,
    GroupIdentitiesQuery,
    GroupMembersQuery,
    GroupRolesQuery,
  ],
})
export class GroupsModule {}
