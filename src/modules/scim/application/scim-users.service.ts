import { Injectable } from '@nestjs/common';
import type { ScimRequestContext } from '../../../common/request-context';
import type { AuditEvent } from '../../audit/domain/audit-event';
import { scimUserDeletedEvent, scimUserEvent } from '../domain/scim-audit-events';
import { resourceNotFound, ScimError, versionMismatch } from '../domain/scim-error';
import { parseFilter } from './scim-filter';
import { ifMatchAllows, type PageRequest, untilWritten } from './scim-listing';
import { patchOperations } from './scim-patch';
import type { ScimReference, ScimUserRecord } from './scim-resources';
import { USER_SCHEMA } from './scim-schemas';
import { draftOf, patchUser, profileChanged, type UserDraft, userFromBody } from './scim-user-changes';
import { ScimUserRepository } from './scim-user.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScimUserView {
  readonly user: ScimUserRecord;
  /** Undefined when the answer does not show them. */
  readonly groups?: readonly ScimReference[];
}

/** SCIM Users: the members of the token's organization, active or not. */
@Injectable()
export class ScimUsersService {
  constructor(private readonly users: ScimUserRepository) {}

  async list(
    context: ScimRequestContext,
    filter: string | undefined,
    page: PageRequest,
    withGroups: boolean,
  ): Promise<{ total: number; users: ScimUserView[] }> {
    const compiled = filter === undefined ? undefined : this.users.compileFilter(parseFilter(filter));
    const { total, users } = await this.users.page(context.client.orgId, compiled, page.startIndex - 1, page.count);
    return { total, users: await this.withGroups(context, users, withGroups) };
  }

  async get(context: ScimRequestContext, id: string, withGroups: boolean): Promise<ScimUserView> {
    const [view] = await this.withGroups(context, [await this.find(context, id)], withGroups);
    return view;
  }

  /** Creates a member of the organization, or links the existing user of that userName. */
  async create(context: ScimRequestContext, body: Record<string, unknown>): Promise<string> {
    const draft = userFromBody(body);
    const existing = await this.users.findByUserName(context.client.orgId, draft.userName);
    if (existing?.memberHere) throw new ScimError(409, `userName ${draft.userName} is already taken`, 'uniqueness');
    return this.users.create(draft, existing, context, (userId) => [scimUserEvent('scim-create-user', { id: userId, userName: draft.userName })]);
  }

  replace(context: ScimRequestContext, id: string, body: Record<string, unknown>, ifMatch: string | undefined): Promise<void> {
    return this.change(context, id, ifMatch, (user) => userFromBody(body, draftOf(user)));
  }

  patch(context: ScimRequestContext, id: string, body: Record<string, unknown>, ifMatch: string | undefined): Promise<void> {
    const operations = patchOperations(body, USER_SCHEMA);
    return this.change(context, id, ifMatch, (user) => patchUser(draftOf(user), operations));
  }

  /** Removes the user from the organization, with its group memberships and tokens there. */
  async delete(context: ScimRequestContext, id: string, ifMatch: string | undefined): Promise<void> {
    await untilWritten(async () => {
      const user = await this.find(context, id);
      if (!ifMatchAllows(ifMatch, user.version)) throw versionMismatch();
      const groups = (await this.users.groupsOf(context.client.orgId, [user.id])).get(user.id) ?? [];
      const event = scimUserDeletedEvent(
        user,
        groups.map((group) => group.id),
      );
      return (await this.users.delete(user, context, event)) || undefined;
    });
  }

  /**
   * Applies `edit` to the stored user and writes what differs, at the version it read. The profile is
   * the person's: changed only while the user belongs to no other organization.
   */
  private async change(context: ScimRequestContext, id: string, ifMatch: string | undefined, edit: (user: ScimUserRecord) => UserDraft): Promise<void> {
    await untilWritten(async () => {
      const user = await this.find(context, id);
      if (!ifMatchAllows(ifMatch, user.version)) throw versionMismatch();
      const before = draftOf(user);
      let after = edit(user);
      const profile = profileChanged(before, after) && (await this.users.elsewhere(context.client.orgId, user.id)) === 0;
      if (!profile) after = { ...after, userName: before.userName, givenName: before.givenName, familyName: before.familyName, email: before.email };
      const events: AuditEvent[] = [];
      if (profile || after.externalId !== before.externalId) events.push(scimUserEvent('scim-update-user', { id: user.id, userName: after.userName }));
      if (after.active !== before.active)
        events.push(scimUserEvent(after.active ? 'scim-reactivate-user' : 'scim-deactivate-user', { id: user.id, userName: after.userName }));
      // A request that changes nothing writes nothing: version, lastModified and the audit log stay.
      if (events.length === 0) return true;
      return (await this.users.update({ user, draft: after, profile, events }, context)) || undefined;
    });
  }

  private async find(context: ScimRequestContext, id: string): Promise<ScimUserRecord> {
    // Another value than a UUID names no user, and cannot reach a uuid column as a parameter.
    const user = UUID.test(id) ? await this.users.find(context.client.orgId, id.toLowerCase()) : undefined;
    if (!user) throw resourceNotFound('User', id);
    return user;
  }

  private async withGroups(context: ScimRequestContext, users: readonly ScimUserRecord[], withGroups: boolean): Promise<ScimUserView[]> {
    if (!withGroups) return users.map((user) => ({ user }));
    const groups = await this.users.groupsOf(
      context.client.orgId,
      users.map((user) => user.id),
    );
    return users.map((user) => ({ user, groups: groups.get(user.id) }));
  }
}
