import type { RequestContext } from '../../src/common/request-context';
import type { AuditEvent } from '../../src/modules/audit/domain/audit-event';
import { Group, type GroupIdentity, type GroupProps, type IdentityMembershipChange, type MembershipChange } from '../../src/modules/groups/domain/group';
import { groupEvent, identityMembershipEvent, membershipEvent, updateEvent } from '../../src/modules/groups/domain/group-audit-events';
import { GroupSlugTakenError } from '../../src/modules/groups/domain/group-errors';
import type { GroupUser } from '../../src/modules/groups/domain/group-user';
import { type GroupAndOrgIdentity, type GroupAndOrgMember, GroupRepository } from '../../src/modules/groups/domain/group.repository';

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
  /** Machine identities by organization id. */
  readonly orgIdentities = new Map<string, GroupIdentity[]>();
  /** `${groupId}/${identityId}` of every identity membership. */
  readonly identityMemberships = new Set<string>();
  readonly audit: RecordedAudit[] = [];
  /** Makes the next audit write fail, as a broken audit table would. */
  failAuditWrites = false;

  addGroup(props: GroupProps): void {
    this.groups.set(props.id, props);
  }

  addOrgMember(orgId: string, user: GroupUser): void {
    this.orgMembers.set(orgId, [...(this.orgMembers.get(orgId) ?? []), user]);
  }

  addOrgIdentity(orgId: string, identity: GroupIdentity): void {
    this.orgIdentities.set(orgId, [...(this.orgIdentities.get(orgId) ?? []), identity]);
  }

  async findById(orgId: string, groupId: string): Promise<Group | undefined> {
    const props = this.groups.get(groupId);
    return props && props.orgId === orgId ? new Group(props) : undefined;
  }

  async findAllInOrg(orgId: string): Promise<Group[]> {
    const inOrg = [...this.groups.values()].filter((props) => props.orgId === orgId);
    return inOrg.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).map((props) => new Group(props));
  }

  async create(group: Group, context: RequestContext): Promise<void> {
    this.assertSlugFree(group);
    this.record(groupEvent('create-group', group), context);
    this.groups.set(group.id, group.toProps());
  }

  async update(group: Group, edited: Group, context: RequestContext): Promise<boolean> {
    if (!this.groups.has(group.id)) return false;
    this.assertSlugFree(edited);
    this.record(updateEvent(group, edited), context);
    this.groups.set(edited.id, edited.toProps());
    return true;
  }

  async delete(group: Group, context: RequestContext): Promise<boolean> {
    if (!this.groups.has(group.id)) return false;
    this.record(groupEvent('delete-group', group), context);
    this.groups.delete(group.id);
    for (const key of this.memberships) if (key.startsWith(`${group.id}/`)) this.memberships.delete(key);
    return true;
  }

  async findGroupAndOrgMember(orgId: string, groupId: string, username: string): Promise<GroupAndOrgMember> {
    const group = await this.findById(orgId, groupId);
    if (!group) return {};
    return { group, user: this.orgMembers.get(orgId)?.find((user) => user.username.toLowerCase() === username.toLowerCase()) };
  }

  async removeMember(change: MembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.user.id}`;
    if (!this.memberships.has(key)) return false;
    this.record(membershipEvent('remove-user-from-group', change), context);
    this.memberships.delete(key);
    return true;
  }

  async addMember(change: MembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.user.id}`;
    if (this.memberships.has(key)) return false;
    this.record(membershipEvent('add-user-to-group', change), context);
    this.memberships.add(key);
    return true;
  }

  async findGroupAndOrgIdentity(orgId: string, groupId: string, identityId: string): Promise<GroupAndOrgIdentity> {
    const group = await this.findById(orgId, groupId);
    if (!group) return {};
    return { group, identity: this.orgIdentities.get(orgId)?.find((identity) => identity.id === identityId) };
  }

  async addIdentity(change: IdentityMembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.identity.id}`;
    if (this.identityMemberships.has(key)) return false;
    this.record(identityMembershipEvent('add-identity-to-group', change), context);
    this.identityMemberships.add(key);
    return true;
  }

  async removeIdentity(change: IdentityMembershipChange, context: RequestContext): Promise<boolean> {
    const key = `${change.group.id}/${change.identity.id}`;
    if (!this.identityMemberships.has(key)) return false;
    this.record(identityMembershipEvent('remove-identity-from-group', change), context);
    this.identityMemberships.delete(key);
    return true;
  }

  /** Writes the audit entry first, so that a failure leaves the change unmade, as a rolled-back transaction does. */
  private record({ type, metadata }: AuditEvent, context: RequestContext): void {
    if (this.failAuditWrites) throw new Error('audit write failed');
    this.audit.push({ type, metadata, reqId: context.reqId, actorUserId: context.actor.id });
  }

  /** As the unique index on (org_id, slug) does. */
  private assertSlugFree(group: Group): void {
    const taken = [...this.groups.values()].some((other) => other.orgId === group.orgId && other.slug === group.slug && other.id !== group.id);
    if (taken) throw new GroupSlugTakenError(group.slug);
  }
}
