import { InMemoryGroupRepository } from '../../../../test/helpers/in-memory-group.repository';
import { PermissionBoundaryError, PermissionDeniedError } from '../../../common/errors/app-error';
import type { Actor, RequestContext } from '../../../common/request-context';
import type { Database } from '../../../database/database';
import { PermissionService } from '../../identity/permission.service';
import type { GroupProps } from '../domain/group';
import { GroupManagedExternallyError, GroupMemberNotFoundError, GroupNotFoundError, UserNotFoundError } from '../domain/group-errors';
import { RemoveGroupUserUseCase } from './remove-group-user.use-case';

const ORG = 'org-a';
const OTHER_ORG = 'org-b';
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
const FOREIGN: GroupProps = { ...GROUP, id: '2b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e03', orgId: OTHER_ORG, slug: 'foreign' };
const alice = { id: 'user-alice', username: 'Alice@Acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: null };
const bob = { id: 'user-bob', username: 'bob@acme.test', email: null, firstName: null, lastName: null };
const mallory = { id: 'user-mallory', username: 'mallory@other.test', email: null, firstName: null, lastName: null };

/** Roles as the permission query would find them: the actor's custom org role, nothing from groups. */
function permissionsWithCustomRoles(roles: Record<string, { subject: string; action: string }[]>): PermissionService {
  const database = {
    query: async (_sql: string, params: unknown[]) => {
      const role = String(params[2]);
      return roles[role] ? [{ slug: role, permissions: roles[role] }] : [];
    },
  } as unknown as Database;
  return new PermissionService(database);
}

function context(orgRole: string): RequestContext {
  const actor: Actor = { type: 'user', id: 'actor-1', name: 'actor', orgId: ORG, orgRole };
  return { actor, reqId: 'req-abcdefghijklmn', ipAddress: '127.0.0.1', userAgent: 'jest' };
}

describe('RemoveGroupUserUseCase', () => {
  let groups: InMemoryGroupRepository;
  let useCase: RemoveGroupUserUseCase;

  beforeEach(() => {
    groups = new InMemoryGroupRepository();
    for (const group of [GROUP, MANAGED, FOREIGN]) groups.addGroup(group);
    groups.addOrgMember(ORG, alice);
    groups.addOrgMember(ORG, bob);
    groups.addOrgMember(OTHER_ORG, mallory);
    groups.memberships.add(`${GROUP.id}/${alice.id}`);
    groups.memberships.add(`${MANAGED.id}/${alice.id}`);
    groups.memberships.add(`${FOREIGN.id}/${mallory.id}`);
    useCase = new RemoveGroupUserUseCase(
      groups,
      permissionsWithCustomRoles({
        editor: [{ subject: 'groups', action: 'edit' }],
        remover: [
          { subject: 'groups', action: 'edit' },
          { subject: 'groups', action: 'remove-members' },
        ],
      }),
    );
  });

  /** Every refusal leaves memberships and the audit log as they were. */
  function expectNothingWritten() {
    expect([...groups.memberships].sort()).toEqual([`${GROUP.id}/${alice.id}`, `${MANAGED.id}/${alice.id}`, `${FOREIGN.id}/${mallory.id}`].sort());
    expect(groups.audit).toEqual([]);
  }

  it('removes the member, finds the user case-insensitively, answers the stored user and writes the audit entry', async () => {
    const removed = await useCase.execute({ groupId: GROUP.id, username: 'alice@acme.TEST' }, context('admin'));
    expect(removed).toEqual(alice);
    expect(groups.memberships.has(`${GROUP.id}/${alice.id}`)).toBe(false);
    expect(groups.audit).toEqual([
      {
        type: 'remove-user-from-group',
        metadata: { groupId: GROUP.id, groupName: 'Engineering', userId: alice.id, username: alice.username },
        reqId: 'req-abcdefghijklmn',
        actorUserId: 'actor-1',
      },
    ]);
  });

  it('works for a custom role holding edit and remove-members', async () => {
    await expect(useCase.execute({ groupId: GROUP.id, username: alice.username }, context('remover'))).resolves.toEqual(alice);
  });

  it('refuses an actor without edit on groups (3) before looking at the group', async () => {
    for (const role of ['member', 'no-access']) {
      const refusal = useCase.execute({ groupId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', username: 'nobody' }, context(role));
      await expect(refusal).rejects.toThrow(new PermissionDeniedError({ action: 'edit', subject: 'groups' }));
    }
    expectNothingWritten();
  });

  it('answers a missing group (4), and a group of another organization the same way', async () => {
    await expect(useCase.execute({ groupId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', username: alice.username }, context('admin'))).rejects.toThrow(
      new GroupNotFoundError('ffffffff-ffff-ffff-ffff-ffffffffffff'),
    );
    await expect(useCase.execute({ groupId: FOREIGN.id, username: mallory.username }, context('admin'))).rejects.toThrow(new GroupNotFoundError(FOREIGN.id));
    expectNothingWritten();
  });

  it('refuses a group whose memberships an identity provider manages (5), before the boundary check', async () => {
    await expect(useCase.execute({ groupId: MANAGED.id, username: alice.username }, context('editor'))).rejects.toThrow(GroupManagedExternallyError);
    expectNothingWritten();
  });

  it('refuses an actor missing remove-members (6) with the boundary error and its details', async () => {
    const refusal = useCase.execute({ groupId: GROUP.id, username: 'nobody' }, context('editor'));
    await expect(refusal).rejects.toBeInstanceOf(PermissionBoundaryError);
    await expect(refusal).rejects.toMatchObject({
      message: 'Failed to remove user from more privileged group. Actor is missing permission remove-members on groups',
      details: { missingPermissions: [{ action: 'remove-members', subject: 'groups' }] },
    });
    expectNothingWritten();
  });

  it('answers a user unknown to the organization (7), also one who exists only in another organization', async () => {
    for (const username of ['nobody@acme.test', mallory.username]) {
      await expect(useCase.execute({ groupId: GROUP.id, username }, context('admin'))).rejects.toThrow(new UserNotFoundError(username));
    }
    expectNothingWritten();
  });

  it('answers a user who is not a member (8)', async () => {
    await expect(useCase.execute({ groupId: GROUP.id, username: bob.username }, context('admin'))).rejects.toThrow(
      new GroupMemberNotFoundError(bob.username, GROUP.slug),
    );
    expectNothingWritten();
  });

  it('writes nothing when the audit entry cannot be written', async () => {
    groups.failAuditWrites = true;
    await expect(useCase.execute({ groupId: GROUP.id, username: alice.username }, context('admin'))).rejects.toThrow('audit write failed');
    expectNothingWritten();
  });

  it('removes once: the second identical request finds no membership', async () => {
    await useCase.execute({ groupId: GROUP.id, username: alice.username }, context('admin'));
    await expect(useCase.execute({ groupId: GROUP.id, username: alice.username }, context('admin'))).rejects.toThrow(GroupMemberNotFoundError);
    expect(groups.audit).toHaveLength(1);
  });
});
