import type { Filter } from 'scim2-parse-filter';
import type { ScimRequestContext } from '../../../common/request-context';
import type { AuditEvent } from '../../audit/domain/audit-event';
import type { CompiledFilter } from './scim-filter';
import type { ScimGroupRecord, ScimReference } from './scim-resources';

/** A member of the organization named by a request, and whether it is in the group. */
export interface MemberState {
  readonly id: string;
  readonly username: string;
  readonly member: boolean;
}

/** A change of a SCIM group, written at once, or not at all when the group is no longer at `group.version`. */
export interface GroupWrite {
  readonly group: ScimGroupRecord;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly events: readonly AuditEvent[];
  /** The instant of the change: the group's lastModified from now on. */
  readonly at: string;
}

export type GroupWriteOutcome = 'written' | 'conflict' | 'nameTaken';

/** One user added to or removed from a group the identity provider manages, whatever its version. */
export interface MemberChange {
  readonly kind: 'add' | 'remove';
  readonly group: ScimGroupRecord;
  readonly user: ScimReference;
  readonly event: AuditEvent;
  readonly at: string;
}

/** The group as a written change left it. */
export type ChangedGroup = Pick<ScimGroupRecord, 'version' | 'displayName' | 'externalId' | 'lastModified'>;

/** Writes of one member's change, together with the other changes of its group that arrive at the same time. */
export interface MemberChanges {
  /** Undefined when it wrote nothing: the membership was already as the change asks, or its group or user was deleted. */
  change(change: MemberChange, context: ScimRequestContext): Promise<ChangedGroup | undefined>;
}

/** Groups of an organization, for SCIM. It is its own injection token. */
export abstract class ScimGroupRepository {
  /** The filter as a condition on the groups `page` reads; 400 `invalidFilter` when it names what Groups lack. */
  abstract compileFilter(filter: Filter): CompiledFilter;

  abstract page(orgId: string, filter: CompiledFilter | undefined, offset: number, count: number): Promise<{ total: number; groups: ScimGroupRecord[] }>;

  abstract find(orgId: string, groupId: string): Promise<ScimGroupRecord | undefined>;

  /** The user members of each group, by group id. */
  abstract membersOf(groupIds: readonly string[]): Promise<Map<string, ScimReference[]>>;

  /** Of `userIds`, the members of the organization, each with whether it is in the group. */
  abstract memberStates(orgId: string, groupId: string, userIds: readonly string[]): Promise<MemberState[]>;

  /**
   * The group, and the user as `memberStates` gives it (undefined when not a member of the organization):
   * for a change of one member, one lookup shared by the requests that ask at the same time.
   */
  abstract findWithMember(orgId: string, groupId: string, userId: string): Promise<{ group?: ScimGroupRecord; member?: MemberState }>;

  /** Every user member of the group: for the requests that replace or clear the list. */
  abstract allMembers(groupId: string): Promise<ScimReference[]>;

  abstract nameTaken(orgId: string, displayName: string, exceptId: string | null): Promise<boolean>;

  /** Creates a group that the identity provider manages, with its members; `nameTaken` when its displayName is taken in the organization. */
  abstract create(
    group: ScimGroupRecord,
    memberIds: readonly string[],
    events: readonly AuditEvent[],
    context: ScimRequestContext,
  ): Promise<'written' | 'nameTaken' | 'slugTaken'>;

  /** Writes a change at `group.version`: its attributes (the group adopted), its membership delta, its audit entries. */
  abstract update(change: GroupWrite, context: ScimRequestContext): Promise<GroupWriteOutcome>;

  /**
   * Where the database writes concurrent changes of a group's members together (PostgreSQL); undefined
   * where every write waits for the one before anyway (SQLite's writer), and `update` serves.
   */
  abstract readonly memberChanges: MemberChanges | undefined;

  /** Deletes the group and its memberships at `group.version`; false when it changed or went meanwhile. */
  abstract delete(group: ScimGroupRecord, context: ScimRequestContext, event: AuditEvent): Promise<boolean>;
}
