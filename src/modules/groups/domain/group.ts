import { GroupManagedExternallyError } from './group-errors';
import type { GroupUser } from './group-user';

export interface GroupProps {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly slug: string;
  /** The role the group grants its members: built-in or a custom role slug of the organization. */
  readonly role: string;
  /** An identity provider manages the memberships (they are not changed through this API). */
  readonly managedExternally: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What an update may change; an absent field stays as it is. */
export type GroupChanges = Partial<Pick<GroupProps, 'name' | 'slug' | 'role'>>;

/** A change of membership, decided by the group's rules; the repository makes it happen (or finds it moot). */
export interface MembershipChange {
  readonly group: Group;
  readonly user: GroupUser;
}

/** A machine identity as groups show it. */
export interface GroupIdentity {
  readonly id: string;
  readonly name: string;
}

/** A change of an identity's membership, decided by the group's rules. */
export interface IdentityMembershipChange {
  readonly group: Group;
  readonly identity: GroupIdentity;
}

/**
 * A group of an organization. Its members are not loaded: a group may hold a million of them, and
 * whether a user is one is settled by the database when the change is written.
 */
export class Group {
  constructor(private readonly props: GroupProps) {}

  get id() {
    return this.props.id;
  }
  get orgId() {
    return this.props.orgId;
  }
  get name() {
    return this.props.name;
  }
  get slug() {
    return this.props.slug;
  }
  get role() {
    return this.props.role;
  }
  get managedExternally() {
    return this.props.managedExternally;
  }

  toProps(): GroupProps {
    return this.props;
  }

  /** The group with `changes` applied, or undefined when they leave it as it is. */
  edit(changes: GroupChanges, updatedAt: string): Group | undefined {
    const changed = (['name', 'slug', 'role'] as const).filter((field) => changes[field] !== undefined && changes[field] !== this.props[field]);
    if (changed.length === 0) return undefined;
    return new Group({ ...this.props, ...Object.fromEntries(changed.map((field) => [field, changes[field]])), updatedAt });
  }

  /** Memberships that an identity provider manages cannot be changed here. */
  assertMembershipsEditable(): void {
    if (this.props.managedExternally) throw new GroupManagedExternallyError(this.props.slug);
  }

  removeMember(user: GroupUser): MembershipChange {
    this.assertMembershipsEditable();
    return { group: this, user };
  }

  addMember(user: GroupUser): MembershipChange {
    this.assertMembershipsEditable();
    return { group: this, user };
  }

  addIdentity(identity: GroupIdentity): IdentityMembershipChange {
    this.assertMembershipsEditable();
    return { group: this, identity };
  }

  removeIdentity(identity: GroupIdentity): IdentityMembershipChange {
    this.assertMembershipsEditable();
    return { group: this, identity };
  }
}
