import { InMemoryGroupRepository } from '../../../../test/helpers/in-memory-group.repository';
import { permissionServiceOf } from '../../../../test/helpers/permission-service';
import { PermissionBoundaryError, PermissionDeniedError } from '../../../common/errors/app-error';
import type { RequestContext } from '../../../common/request-context';
import type { GroupProps } from '../domain/group';
import { GroupManagedExternallyError, GroupMemberAlreadyExistsError, GroupNotFoundError, UserNotFoundError } from '../domain/group-errors';
import { AddGroupUserUseCase } from './add-group-user.use-case';

const ORG = 'org-a';
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
const MANAGED: GroupProps = { ...GROUP, id: '1b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e02', slug: 'managed', managedExternally: true };
const FOREIGN: GroupProps = { ...GROUP, id: '2b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e03', orgId: 'org-b', slug: 'foreign' };
const alice = { id: 'user-alice', username: 'Alice@Acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: null };
const bob = { id: 'user-bob', username: 'bob@acme.test', email: null, firstName: null, lastName: null };
const mallory = { id: 'user-mallory', username: 'mallory@other.test', email: null, firstName: null, lastName: null };

function context(orgRole: string): RequestContext {
  return {
    actor: { type: 'user', id: 'user-actor', name: 'actor', orgId: ORG, orgRole },
    reqId: 'req-abcdefghijklmn',
    ipAddress: '127.0.0.1',
    userAgent: 'jest',
  };
}

describe('AddGroupUserUseCase', () => {
  let groups: InMemoryGroupRepository;
  let useCase: AddGroupUserUseCase;

  beforeEach(() => {
    groups = new InMemoryGroupRepository();
    for (const group of [GROUP, MANAGED, FOREIGN]) groups.addGroup(group);
    groups.addOrgMember(ORG, alice);
    groups.addOrgMember(ORG, bob);
    groups.addOrgMember('org-b', mallory);
    groups.memberships.add(`${GROUP.id}/${bob.id}`);
    useCase = new AddGroupUserUseCase(
      groups,
      permissionServiceOf({
        roles: {
          editor: [{ subject: 'groups', action: 'edit' }],
          adder: [
            { subject: 'groups', action: 'edit' },
            { subject: 'groups', action: 'add-members' },
          ],
        },
      }),
    );
  });

  const expectNothingWritten = () => {
    expect([...groups.memberships]).toEqual([`${GROUP.id}/${bob.id}`]);
    expect(groups.audit).toEqual([]);
  };

  it('adds the member found in any case, answers the stored user and audits the addition', async () => {
    expect(await useCase.execute({ groupId: GROUP.id, username: 'ALICE@acme.test' }, context('adder'))).toEqual(alice);
    expect(groups.memberships.has(`${GROUP.id}/${alice.id}`)).toBe(true);
    expect(groups.audit).toEqual([
      {
        type: 'add-user-to-group',
        metadata: { groupId: GROUP.id, groupName: 'Engineering', userId: alice.id, username: alice.username },
        reqId: 'req-abcdefghijklmn',
        actorUserId: 'user-actor',
      },
    ]);
  });

  it('refuses a user who is a member already', async () => {
    await expect(useCase.execute({ groupId: GROUP.id, username: 'BOB@acme.test' }, context('admin'))).rejects.toThrow(
      new GroupMemberAlreadyExistsError('BOB@acme.test', 'engineering'),
    );
    expectNothingWritten();
  });

  it('checks in the order of removal: edit, the group, its management, add-members, then the user', async () => {
    await expect(useCase.execute({ groupId: 'missing', username: 'nobody' }, context('member'))).rejects.toThrow(
      new PermissionDeniedError({ action: 'edit', subject: 'groups' }),
    );
    await expect(useCase.execute({ groupId: FOREIGN.id, username: mallory.username }, context('admin'))).rejects.toThrow(new GroupNotFoundError(FOREIGN.id));
    await expect(useCase.execute({ groupId: MANAGED.id, username: 'nobody' }, context('editor'))).rejects.toThrow(GroupManagedExternallyError);
    const boundary = useCase.execute({ groupId: GROUP.id, username: 'nobody' }, context('editor'));
    await expect(boundary).rejects.toBeInstanceOf(PermissionBoundaryError);
    await expect(boundary).rejects.toMatchObject({
      message: 'Failed to add user to more privileged group. Actor is missing permission add-members on groups',
      details: { missingPermissions: [{ action: 'add-members', subject: 'groups' }] },
    });
    await expect(useCase.execute({ groupId: GROUP.id, username: mallory.username }, context('admin'))).rejects.toThrow(new UserNotFoundError(mallory.username));
    expectNothingWritten();
  });

  it('adds nothing when the audit entry cannot be written', async () => {
    groups.failAuditWrites = true;
    await expect(useCase.execute({ groupId: GROUP.id, username: alice.username }, context('admin'))).rejects.toThrow('audit write failed');
    expectNothingWritten();
  });
});
