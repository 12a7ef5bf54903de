import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ScimRequestContext } from '../../../common/request-context';
import type { AuditEvent } from '../../audit/domain/audit-event';
import { randomSlugSuffix, slugFromName, withSuffix } from '../../groups/domain/group-slug';
import { scimGroupEvent, scimMemberEvent } from '../domain/scim-audit-events';
import { resourceNotFound, ScimError, versionMismatch } from '../domain/scim-error';
import { MembershipOverlay } from './membership-overlay';
import { OneAtATime } from './one-at-a-time';
import { parseFilter } from './scim-filter';
import { type GroupChanges, groupFromBody, groupPatch, oneMemberChange } from './scim-group-changes';
import { type MemberChanges, type MemberState, ScimGroupRepository } from './scim-group.repository';
import { ifMatchAllows, type PageRequest, untilWritten } from './scim-listing';
import { patchOperations } from './scim-patch';
import type { ScimGroupRecord, ScimReference } from './scim-resources';
import { GROUP_SCHEMA } from './scim-schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScimGroupView {
  readonly group: ScimGroupRecord;
  /** Undefined when the answer does not show them. */
  readonly members?: readonly ScimReference[];
}

const displayNameTaken = (name: string) => new ScimError(409, `A group named ${name} already exists`, 'uniqueness');
/** SCIM Groups: every group of the token's organization. */
@Injectable()
export class ScimGroupsService {
  /** The writes to each group, one at a time in this instance; the version check orders them across instances. */
  private readonly writes = new OneAtATime();

  constructor(private readonly groups: ScimGroupRepository) {}

  async list(
    context: ScimRequestContext,
    filter: string | undefined,
    page: PageRequest,
    withMembers: boolean,
  ): Promise<{ total: number; groups: ScimGroupView[] }> {
    const compiled = filter === undefined ? undefined : this.groups.compileFilter(parseFilter(filter));
    const { total, groups } = await this.groups.page(context.client.orgId, compiled, page.startIndex - 1, page.count);
    return { total, groups: await this.withMembers(groups, withMembers) };
  }

  async get(context: ScimRequestContext, id: string, withMembers: boolean): Promise<ScimGroupView> {
    return this.view(await this.find(context, id), withMembers);
  }

  /** Creates a group the identity provider manages, org role `no-access`, with the members given. */
  async create(context: ScimRequestContext, body: Record<string, unknown>): Promise<string> {
    const changes = groupFromBody(body);
    const orgId = context.client.orgId;
    if (await this.groups.nameTaken(orgId, changes.displayName, null)) throw displayNameTaken(changes.displayName);
    const id = randomUUID();
    const overlay = await new MembershipOverlay({
      states: (ids) => this.groups.memberStates(orgId, id, ids),
      all: async () => [],
    }).apply(changes.members);
    const { added } = overlay.delta();
    const derived = slugFromName(changes.displayName);
    for (const slug of [derived, withSuffix(derived, randomSlugSuffix()), withSuffix(derived, randomSlugSuffix())]) {
      const now = new Date().toISOString();
      const group: ScimGroupRecord = {
        id,
        displayName: changes.displayName,
        externalId: changes.externalId ?? null,
        slug,
        managedExternally: true,
        created: now,
        lastModified: now,
        version: 1,
      };
      const events = [scimGroupEvent('scim-create-group', group), ...added.map((user) => scimMemberEvent('scim-add-user-to-group', group, user))];
      const outcome = await this.groups.create(
        group,
        added.map((user) => user.id),
        events,
        context,
      );
      if (outcome === 'written') return id;
      if (outcome === 'nameTaken') throw displayNameTaken(changes.displayName);
    }
    throw new ScimError(409, `No free slug for a group named ${changes.displayName}`, 'uniqueness');
  }

  /** Replaces the group's attributes, and answers the group as this change left it. */
  async replace(
    context: ScimRequestContext,
    id: string,
    body: Record<string, unknown>,
    ifMatch: string | undefined,
    withMembers: boolean,
  ): Promise<ScimGroupView> {
    return this.view(await this.change(context, id, ifMatch, groupFromBody(body)), withMembers);
  }

  /** Applies the PATCH operations, and answers the group as this change left it. */
  async patch(
    context: ScimRequestContext,
    id: string,
    body: Record<string, unknown>,
    ifMatch: string | undefined,
    withMembers: boolean,
  ): Promise<ScimGroupView> {
    const changes = groupPatch(patchOperations(body, GROUP_SCHEMA));
    const one = ifMatch === undefined ? oneMemberChange(changes) : undefined;
    const memberChanges = this.groups.memberChanges;
    if (one && memberChanges) {
      const { group, member } = UUID.test(id) ? await this.groups.findWithMember(context.client.orgId, id.toLowerCase(), one.id) : {};
      if (!group) throw resourceNotFound('Group', id);
      // A regular group is adopted by its first SCIM change, which the version-checked write records.
      if (group.managedExternally) return this.view(await this.changeMember(context, memberChanges, group, one.kind, member), withMembers);
    }
    return this.view(await this.change(context, id, ifMatch, changes), withMembers);
  }

  async delete(context: ScimRequestContext, id: string, ifMatch: string | undefined): Promise<void> {
    await this.writes.run(id.toLowerCase(), () =>
      untilWritten(async () => {
        const group = await this.find(context, id);
        if (!ifMatchAllows(ifMatch, group.version)) throw versionMismatch();
        return (await this.groups.delete(group, context, scimGroupEvent('scim-delete-group', group))) || undefined;
      }),
    );
  }

  /**
   * Applies the changes to the stored group at the version it read: attributes, then the member
   * operations in order, as a delta. A change adopts a regular group; no change writes nothing.
   * In this instance the writes to a group wait for each other instead of colliding.
   */
  private change(context: ScimRequestContext, id: string, ifMatch: string | undefined, changes: GroupChanges): Promise<ScimGroupRecord> {
    const orgId = context.client.orgId;
    return this.writes.run(id.toLowerCase(), () =>
      untilWritten(async () => {
        const group = await this.find(context, id);
        if (!ifMatchAllows(ifMatch, group.version)) throw versionMismatch();
        const overlay = await new MembershipOverlay({
          states: (ids) => this.groups.memberStates(orgId, group.id, ids),
          all: () => this.groups.allMembers(group.id),
        }).apply(changes.members);
        const { added, removed } = overlay.delta();
        const displayName = changes.displayName ?? group.displayName;
        const externalId = changes.externalId === undefined ? group.externalId : changes.externalId;
        const attributesChanged = displayName !== group.displayName || externalId !== group.externalId;
        // A request that changes nothing writes nothing: version, lastModified and the audit log stay.
        if (!attributesChanged && added.length === 0 && removed.length === 0) return group;
        if (displayName !== group.displayName && (await this.groups.nameTaken(orgId, displayName, group.id))) throw displayNameTaken(displayName);
        const renamed = { id: group.id, displayName };
        const events: AuditEvent[] = [
          ...(group.managedExternally ? [] : [scimGroupEvent('scim-adopt-group', renamed)]),
          ...(attributesChanged ? [scimGroupEvent('scim-update-group', renamed)] : []),
          ...added.map((user) => scimMemberEvent('scim-add-user-to-group', renamed, user)),
          ...removed.map((user) => scimMemberEvent('scim-remove-user-from-group', renamed, user)),
        ];
        const at = new Date().toISOString();
        const outcome = await this.groups.update(
          { group, displayName, externalId, added: added.map((user) => user.id), removed: removed.map((user) => user.id), events, at },
          context,
        );
        if (outcome === 'nameTaken') throw displayNameTaken(displayName);
        if (outcome === 'conflict') return undefined;
        return { ...group, displayName, externalId, managedExternally: true, lastModified: at, version: group.version + 1 };
      }),
    );
  }

  /**
   * Adds or removes one member of a group the identity provider manages, written with the other changes
   * of the group that arrive meanwhile instead of one at a time: it needs no version to hold, and the
   * database decides whether the membership changed. The answer shows the group as this change left it.
   */
  private async changeMember(
    context: ScimRequestContext,
    memberChanges: MemberChanges,
    group: ScimGroupRecord,
    kind: 'add' | 'remove',
    state: MemberState | undefined,
  ): Promise<ScimGroupRecord> {
    // Not a member of the organization, or already in (or out of) the group: nothing to write.
    if (!state || state.member === (kind === 'add')) return group;
    const user = { id: state.id, display: state.username };
    const event = scimMemberEvent(kind === 'add' ? 'scim-add-user-to-group' : 'scim-remove-user-from-group', group, user);
    const changed = await memberChanges.change({ kind, group, user, event, at: new Date().toISOString() }, context);
    // Another request made the same change first, or the group or user was deleted: the group as it is now, if it is.
    return changed ? { ...group, ...changed } : this.find(context, group.id);
  }

  private async find(context: ScimRequestContext, id: string): Promise<ScimGroupRecord> {
    const group = UUID.test(id) ? await this.groups.find(context.client.orgId, id.toLowerCase()) : undefined;
    if (!group) throw resourceNotFound('Group', id);
    return group;
  }

  private async view(group: ScimGroupRecord, withMembers: boolean): Promise<ScimGroupView> {
    const [view] = await this.withMembers([group], withMembers);
    return view;
  }

  private async withMembers(groups: readonly ScimGroupRecord[], withMembers: boolean): Promise<ScimGroupView[]> {
    if (!withMembers) return groups.map((group) => ({ group }));
    const members = await this.groups.membersOf(groups.map((group) => group.id));
    return groups.map((group) => ({ group, members: members.get(group.id) }));
  }
}
