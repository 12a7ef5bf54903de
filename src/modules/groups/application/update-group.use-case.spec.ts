import { InMemoryGroupRepository } from '../../../../test/helpers/in-memory-group.repository';
import { permissionServiceOf } from '../../../../test/helpers/permission-service';
import { PermissionBoundaryError, PermissionDeniedError } from '../../../common/errors/app-error';
import type { RequestContext } from '../../../common/request-context';
import type { GroupProps } from '../domain/group';
import { GroupNotFoundError, GroupSlugTakenError, UnknownRoleError } from '../domain/group-errors';
import { UpdateGroupUseCase } from './update-group.use-case';

const ORG = 'org-a';
const groupsActions = (...actions: string[]) => actions.map((action) => ({ subject: 'groups', action }));
const GROUP: GroupProps = {
  id: '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01',
  orgId: ORG,
  name: 'Engineering',
  slug: 'engineering',
  role: 'member',
  managedExternally: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const ADMINS: GroupProps = { ...GROUP, id: '1b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e02', name: 'Admins', slug: 'admins', role: 'admin' };
const FOREIGN: GroupProps = { ...GROUP, id: '2b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e03', orgId: 'org-b', slug: 'foreign' };

function context(orgRole: string): RequestContext {
  return { actor: { type: 'user', id: 'user-actor', name: 'actor', orgId: ORG, orgRole }, reqId: 'req-abcdefghijklmn', ipAddress: null, userAgent: null };
}

describe('UpdateGroupUseCase', () => {
  let groups: InMemoryGroupRepository;
  let useCase: UpdateGroupUseCase;

  beforeEach(() => {
    groups = new InMemoryGroupRepository();
    for (const group of [GROUP, ADMINS, FOREIGN]) groups.addGroup(group);
    useCase = new UpdateGroupUseCase(
      groups,
      permissionServiceOf({
        roles: { manager: groupsActions('read', 'edit'), granter: groupsActions('edit', 'grant-privileges'), editor: groupsActions('edit') },
      }),
    );
  });

  const expectUnchanged = () => {
    expect(groups.groups.get(GROUP.id)).toEqual(GROUP);
    expect(groups.groups.get(ADMINS.id)).toEqual(ADMINS);
    expect(groups.audit).toEqual([]);
  };

  it('changes the given fields, stamps updatedAt and audits each change with its values before and after', async () => {
    const updated = await useCase.execute({ groupId: GROUP.id, changes: { name: 'Platform', slug: 'platform' } }, context('admin'));
    expect(updated.toProps()).toEqual({ ...GROUP, name: 'Platform', slug: 'platform', updatedAt: expect.any(String) });
    expect(updated.toProps().updatedAt > GROUP.updatedAt).toBe(true);
    expect(groups.groups.get(GROUP.id)).toEqual(updated.toProps());
    expect(groups.audit).toEqual([
      {
        type: 'update-group',
        metadata: {
          groupId: GROUP.id,
          groupName: 'Platform',
          changes: { name: { from: 'Engineering', to: 'Platform' }, slug: { from: 'engineering', to: 'platform' } },
        },
        reqId: 'req-abcdefghijklmn',
        actorUserId: 'user-actor',
      },
    ]);
  });

  it('answers the group as it is, writing nothing, when nothing changes', async () => {
    for (const changes of [{}, { name: 'Engineering', role: 'member' }]) {
      expect((await useCase.execute({ groupId: GROUP.id, changes }, context('admin'))).toProps()).toEqual(GROUP);
    }
    expectUnchanged();
  });

  it('refuses a role change beyond what the actor holds without grant-privileges, and no other change', async () => {
    const refusal = useCase.execute({ groupId: GROUP.id, changes: { name: 'Renamed', role: 'admin' } }, context('manager'));
    await expect(refusal).rejects.toBeInstanceOf(PermissionBoundaryError);
    await expect(refusal).rejects.toMatchObject({
      message: 'Failed to update a more privileged group. Actor is missing permission grant-privileges on groups',
    });
    expectUnchanged();
    // The role stays: renaming a more privileged group grants nothing.
    await useCase.execute({ groupId: ADMINS.id, changes: { name: 'Administrators', role: 'admin' } }, context('manager'));
    await useCase.execute({ groupId: GROUP.id, changes: { role: 'admin' } }, context('granter'));
    expect(groups.groups.get(GROUP.id)?.role).toBe('admin');
  });

  it('refuses a role that the organization does not have', async () => {
    await expect(useCase.execute({ groupId: GROUP.id, changes: { role: 'ghost' } }, context('admin'))).rejects.toThrow(new UnknownRoleError('ghost'));
    expectUnchanged();
  });

  it('refuses a slug another group of the organization has', async () => {
    await expect(useCase.execute({ groupId: GROUP.id, changes: { slug: 'admins' } }, context('admin'))).rejects.toThrow(GroupSlugTakenError);
    await useCase.execute({ groupId: GROUP.id, changes: { slug: 'foreign' } }, context('admin'));
    expect(groups.groups.get(GROUP.id)?.slug).toBe('foreign');
  });

  it('refuses an actor without edit before looking at the group, and answers a group of another organization as missing', async () => {
    await expect(useCase.execute({ groupId: 'missing', changes: { name: 'x' } }, context('member'))).rejects.toThrow(
      new PermissionDeniedError({ action: 'edit', subject: 'groups' }),
    );
    await expect(useCase.execute({ groupId: FOREIGN.id, changes: { name: 'x' } }, context('admin'))).rejects.toThrow(new GroupNotFoundError(FOREIGN.id));
    expect(groups.groups.get(FOREIGN.id)).toEqual(FOREIGN);
    expectUnchanged();
  });
});
