import { Module } from '@nestjs/common';
import { AddGroupIdentityUseCase } from './application/add-group-identity.use-case';
import { AddGroupUserUseCase } from './application/add-group-user.use-case';
import { CreateGroupUseCase } from './application/create-group.use-case';
import { DeleteGroupUseCase } from './application/delete-group.use-case';
import { GetGroupUseCase } from './application/get-group.use-case';
import { GroupIdentitiesQuery } from './application/group-identities.query';
import { GroupMembersQuery } from './application/group-members.query';
import { GroupRolesQuery } from './application/group-roles.query';
import { GroupUsersQuery } from './application/group-users.query';
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
import { SqlGroupIdentitiesQuery } from './infrastructure/sql-group-identities.query';
import { SqlGroupMembersQuery } from './infrastructure/sql-group-members.query';
import { SqlGroupRolesQuery } from './infrastructure/sql-group-roles.query';
import { SqlGroupUsersQuery } from './infrastructure/sql-group-users.query';
import { SqlGroupRepository } from './infrastructure/sql-group.repository';
import { IdentityModule } from '../identity/identity.module';

@Module({
  imports: [IdentityModule],
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
    { provide: GroupUsersQuery, useClass: SqlGroupUsersQuery },
    AddGroupIdentityUseCase,
    RemoveGroupIdentityUseCase,
    ListGroupIdentitiesUseCase,
    ListGroupMembersUseCase,
    { provide: GroupIdentitiesQuery, useClass: SqlGroupIdentitiesQuery },
    { provide: GroupMembersQuery, useClass: SqlGroupMembersQuery },
    { provide: GroupRolesQuery, useClass: SqlGroupRolesQuery },
  ],
})
export class GroupsModule {}
