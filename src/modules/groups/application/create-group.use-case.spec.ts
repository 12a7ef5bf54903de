import { InMemoryGroupRepository } from '../../../../test/helpers/in-memory-group.repository';
import { permissionServiceOf } from '../../../../test/helpers/permission-service';
import { PermissionBoundaryError, PermissionDeniedError } from '../../../common/errors/app-error';
import type { RequestContext } from '../../../common/request-context';
import { GroupSlugTakenError, UnknownRoleError } from '../domain/group-errors';
import { CreateGroupUseCase } from './create-group.use-case';

const ORG = 'org-a';
const groupsActions = (...actions: string[]) => actions.map((action) => ({ subject: 'groups', action }));
const permissions = permissionServiceOf({
  roles: {
    // With `read` on identity a manager holds all that `member` grants.
    manager: [...groupsActions('read', 'create', 'edit', 'delete'), { subject: 'identity', action: 'read' }],
    granter: groupsActions('read', 'create', 'grant-privileges'),
    auditor: [{ subject: 'audit-logs', action: 'read' }],
  },
  groupRoles: { 'user-grouped': ['manager'] },
});

function context(orgRole: string, userId = 'user-actor'): RequestContext {
  return { actor: { type: 'user', id: userId, name: 'actor', orgId: ORG, orgRole }, reqId: 'req-abcdefghijklmn', ipAddress: '127.0.0.1', userAgent: 'jest' };
}

describe('CreateGroupUseCase', () => {
  let groups: InMemoryGroupRepository;
  let useCase: CreateGroupUseCase;

  beforeEach(() => {
    groups = new InMemoryGroupRepository();
    useCase = new CreateGroupUseCase(groups, permissions);
  });

  it("creates the group in the actor's organization, no-access and a slug from the name by default, and audits it", async () => {
    const group = await useCase.execute({ name: 'Platform Team' }, context('admin'));
    expect(group.toProps()).toEqual({
      id: expect.any(String),
      orgId: ORG,
      name: 'Platform Team',
      slug: 'platform-team',
      role: 'no-access',
      managedExternally: false,
      createdAt: expect.any(String),
      updatedAt: group.toProps().createdAt,
    });
    expect(groups.groups.get(group.id)).toEqual(group.toProps());
    expect(groups.audit).toEqual([
      {
        type: 'create-group',
        metadata: { groupId: group.id, groupName: 'Platform Team', groupSlug: 'platform-team', role: 'no-access' },
        reqId: 'req-abcdefghijklmn',
        actorUserId: 'user-actor',
      },
    ]);
  });

  it('refuses a slug given explicitly that the organization has, writing nothing', async () => {
    await useCase.execute({ name: 'Engineering', slug: 'engineering' }, context('admin'));
    await expect(useCase.execute({ name: 'Other', slug: 'engineering' }, context('admin'))).rejects.toThrow(GroupSlugTakenError);
    expect(groups.groups.size).toBe(1);
    expect(groups.audit).toHaveLength(1);
  });

  it('steps a slug derived from the name aside from a taken one', async () => {
    await useCase.execute({ name: 'Engineering' }, context('admin'));
    const second = await useCase.execute({ name: 'Engineering' }, context('admin'));
    expect(second.slug).toMatch(/^engineering-[a-z0-9]{4}$/);
    expect(groups.groups.size).toBe(2);
  });

  it('refuses an actor without create before anything else', async () => {
    for (const role of ['member', 'no-access', 'auditor']) {
      await expect(useCase.execute({ name: 'X', role: 'ghost' }, context(role))).rejects.toThrow(
        new PermissionDeniedError({ action: 'create', subject: 'groups' }),
      );
    }
    expect(groups.audit).toEqual([]);
  });

  it('refuses a role that the organization does not have', async () => {
    await expect(useCase.execute({ name: 'X', role: 'ghost' }, context('admin'))).rejects.toThrow(new UnknownRoleError('ghost'));
    expect(groups.groups.size).toBe(0);
  });

  it('refuses a group whose role grants more than the actor holds, naming what it lacks', async () => {
    const refusal = useCase.execute({ name: 'Auditors', role: 'auditor' }, context('manager'));
    await expect(refusal).rejects.toBeInstanceOf(PermissionBoundaryError);
    await expect(refusal).rejects.toMatchObject({
      message: 'Failed to create a more privileged group. Actor is missing permission grant-privileges on groups',
      details: { missingPermissions: [{ action: 'read', subject: 'audit-logs' }] },
    });
    const admin = useCase.execute({ name: 'Admins', role: 'admin' }, context('manager'));
    await expect(admin).rejects.toMatchObject({
      details: {
        missingPermissions: [
          ...groupsActions('grant-privileges', 'add-members', 'remove-members', 'add-identities', 'remove-identities'),
          ...['create', 'edit', 'delete', 'grant-privileges', 'revoke-auth', 'create-token', 'get-token', 'delete-token'].map((action) => ({
            subject: 'identity',
            action,
          })),
          { subject: 'audit-logs', action: 'read' },
          ...['read', 'create', 'delete'].map((action) => ({ subject: 'scim', action })),
        ],
      },
    });
    expect(groups.groups.size).toBe(0);
    expect(groups.audit).toEqual([]);
  });

  it('allows a role within what the actor holds, from its org role or its groups, and any role with grant-privileges', async () => {
    await useCase.execute({ name: 'Readers', role: 'member' }, context('manager'));
    await useCase.execute({ name: 'Managers', role: 'manager' }, context('manager'));
    await useCase.execute({ name: 'Grouped readers', role: 'member' }, context('no-access', 'user-grouped'));
    await expect(useCase.execute({ name: 'Grouped admins', role: 'admin' }, context('no-access', 'user-grouped'))).rejects.toBeInstanceOf(
      PermissionBoundaryError,
    );
    await useCase.execute({ name: 'Admins', role: 'admin' }, context('granter'));
    expect([...groups.groups.values()].map((group) => group.role).sort()).toEqual(['admin', 'manager', 'member', 'member']);
  });

  it('creates nothing when the audit entry cannot be written', async () => {
    groups.failAuditWrites = true;
    await expect(useCase.execute({ name: 'Engineering' }, context('admin'))).rejects.toThrow('audit write failed');
    expect(groups.groups.size).toBe(0);
  });
});
