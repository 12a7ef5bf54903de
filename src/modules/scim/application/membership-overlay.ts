import type { MemberOperation } from './scim-group-changes';
import { equalityIds, memberMatches, userIds } from './member-filter';
import type { ScimReference } from './scim-resources';

/** What the overlay reads of the stored group: by index, and the whole list only when an operation needs it. */
export interface MembershipSource {
  /** Of `ids`, the members of the organization, each with whether it is in the group. */
  states(ids: readonly string[]): Promise<readonly { id: string; username: string; member: boolean }[]>;
  /** Every member of the group. */
  all(): Promise<readonly ScimReference[]>;
}

/**
 * A request's member operations applied in order over the stored members, reading only the members
 * they name (a `replace`, a remove-all or an unusual filter reads the whole list): the delta to write.
 * Values that are not members of the organization are skipped.
 */
export class MembershipOverlay {
  /** The stored state of every member of the organization an operation touched. */
  private readonly stored = new Map<string, { username: string; member: boolean }>();
  /** Each touched user's membership once the operations so far are applied. */
  private readonly after = new Map<string, boolean>();
  private allRead = false;

  constructor(private readonly source: MembershipSource) {}

  async apply(operations: readonly MemberOperation[]): Promise<this> {
    for (const operation of operations) {
      switch (operation.kind) {
        case 'add':
          await this.set(operation.ids, true);
          break;
        case 'remove':
          await this.set(operation.ids, false);
          break;
        case 'removeAll':
          await this.removeAll();
          break;
        case 'replace':
          await this.removeAll();
          await this.set(operation.ids, true);
          break;
        case 'removeMatching': {
          const ids = equalityIds(operation.filter);
          if (ids) {
            await this.set(ids, false);
            break;
          }
          await this.readAll();
          for (const [id, { username }] of this.stored) {
            if (this.isMember(id) && memberMatches(operation.filter, { id, display: username })) this.after.set(id, false);
          }
        }
      }
    }
    return this;
  }

  /** The users to add and to remove, with their usernames for the audit entries. */
  delta(): { added: ScimReference[]; removed: ScimReference[] } {
    const added: ScimReference[] = [];
    const removed: ScimReference[] = [];
    for (const [id, member] of this.after) {
      const { username, member: wasMember } = this.stored.get(id)!;
      if (member && !wasMember) added.push({ id, display: username });
      if (!member && wasMember) removed.push({ id, display: username });
    }
    return { added, removed };
  }

  private isMember(id: string): boolean {
    return this.after.get(id) ?? this.stored.get(id)?.member ?? false;
  }

  private async set(values: readonly string[], member: boolean): Promise<void> {
    const ids = userIds(values);
    const unknown = ids.filter((id) => !this.stored.has(id));
    for (const state of await this.source.states(unknown)) this.stored.set(state.id, { username: state.username, member: state.member });
    for (const id of ids) if (this.stored.has(id)) this.after.set(id, member);
  }

  private async removeAll(): Promise<void> {
    await this.readAll();
    for (const id of this.stored.keys()) this.after.set(id, false);
  }

  private async readAll(): Promise<void> {
    if (this.allRead) return;
    for (const member of await this.source.all()) if (!this.stored.has(member.id)) this.stored.set(member.id, { username: member.display, member: true });
    this.allRead = true;
  }
}
