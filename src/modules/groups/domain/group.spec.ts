import { Group, type GroupProps } from './group';
import { GroupManagedExternallyError } from './group-errors';

const props: GroupProps = {
  id: '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01',
  orgId: 'org-1',
  name: 'Engineering',
  slug: 'engineering',
  role: 'member',
  managedExternally: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const alice = { id: 'user-1', username: 'alice', email: null, firstName: 'Alice', lastName: null };

describe('Group', () => {
  it('removes and adds members of a group whose memberships it manages', () => {
    const group = new Group(props);
    expect(group.removeMember(alice)).toEqual({ group, user: alice });
    expect(group.addMember(alice)).toEqual({ group, user: alice });
  });

  it('refuses to change the memberships that an identity provider manages', () => {
    const group = new Group({ ...props, managedExternally: true });
    expect(() => group.assertMembershipsEditable()).toThrow(GroupManagedExternallyError);
    expect(() => group.removeMember(alice)).toThrow('The memberships of group engineering are managed by an identity provider');
    expect(() => group.addMember(alice)).toThrow(GroupManagedExternallyError);
  });

  it('edits the fields that change, or answers undefined when none does', () => {
    const group = new Group(props);
    const later = '2026-02-01T00:00:00.000Z';
    expect(group.edit({ name: 'Platform', role: 'member' }, later)?.toProps()).toEqual({ ...props, name: 'Platform', updatedAt: later });
    expect(group.edit({}, later)).toBeUndefined();
    expect(group.edit({ name: 'Engineering', slug: 'engineering', role: 'member' }, later)).toBeUndefined();
    expect(group.toProps()).toEqual(props);
  });
});
