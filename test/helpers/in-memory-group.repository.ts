import type { RequestContext } from '../../src/common/request-context';
import { Group, type GroupProps, type MembershipChange } from '../../src/modules/groups/domain/group';
import type { GroupUser } from '../../src/modules/groups/domain/group-user';
import { GroupRepository } from '../../src/modules/groups/domain/group.repository';

export interface RecordedAudit {
  readonly type: string;
  readonly metadata: Record<string, unknown>;
  readonly reqId: string;
  readonly actorUserId: string;
}

/** Groups in memory, with the same all-or-nothing writes as the SQL repository. */
export class InMemoryGroupRepository extends GroupRepository {
  readonly groups = new Map<string, GroupProps>();
  /** Users by organization id. */
  readonly orgMembers = new Map<string, GroupUser[]>();
  /** `${groupId}/${userId}` of every membership. */
  readonly memberships = new Set<string>();
  readonly audit: RecordedAudit[] = [];
  /** Makes the next audit write fail, as a broken audit table would. */
  failAuditWrites = false;

  addGroup(props: GroupProps): void {
    this.groups.set(props.id, props);
  }

  addOrgMember(orgId: string, user: GroupUser): void {
    this.orgMembers.set(orgId, [...(this.orgMembers.get(orgId) ?? []), user]);
  }

  async findById(orgId: string, groupId: string): Promise<Group | undefined> {
    const props = this.groups.get(groupId);
    return props && props.orgId === orgId ? new Group(props) : undefined;
  }

  async findOrgMember(orgId: string, username: string): Promise<GroupUser | undefined> {
    return this.orgMembers.get(orgId)?.find((user) => user.username.toLowerCase() === username.toLowerCase());
  }

  async removeMember(change: MembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.user.id}`;
    if (!this.memberships.has(key)) return false;
    this.recordAudit('remove-user-from-group', change, context);
    this.memberships.delete(key);
    return true;
  }

  async addMember(change: MembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.user.id}`;
    if (this.memberships.has(key)) return false;
    this.recordAudit('add-user-to-group', change, context);
    this.memberships.add(key);
    return true;
  }

  /** Writes the audit entry first, so that a failure leaves the change unmade, as a rolled-back transaction does. */
  private recordAudit(type: string, { group, user }: MembershipChange, context: RequestContext): void {
    if (this.failAuditWrites) throw new Error('audit write failed');
    this.audit.push({
      type,
      metadata: { groupId: group.id, groupName: group.name, userId: user.id, username: user.username },
      reqId: context.reqId,
      actorUserId: context.actor.userId,
    });
  }
}
