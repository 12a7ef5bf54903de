import { parseFilter } from './scim-filter';
import { MembershipOverlay, type MembershipSource } from './membership-overlay';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A group holding members 1 and 2 of an organization of members 1 to 4, counting what is read. */
function source() {
  const members = new Map([
    [ID(1), true],
    [ID(2), true],
    [ID(3), false],
    [ID(4), false],
  ]);
  const reads = { states: [] as string[][], all: 0 };
  const from: MembershipSource = {
    states: async (ids) => {
      reads.states.push([...ids]);
      return ids.filter((id) => members.has(id)).map((id) => ({ id, username: `user${id.slice(-1)}`, member: members.get(id)! }));
    },
    all: async () => {
      reads.all += 1;
      return [...members].filter(([, member]) => member).map(([id]) => ({ id, display: `user${id.slice(-1)}` }));
    },
  };
  return { from, reads };
}

const ids = (references: { id: string }[]) => references.map((reference) => reference.id).sort();

describe('MembershipOverlay', () => {
  it('reads only the members an add or remove names, and skips what is not a member of the organization', async () => {
    const { from, reads } = source();
    const overlay = await new MembershipOverlay(from).apply([
      { kind: 'add', ids: [ID(3), ID(3).toUpperCase(), ID(9), 'not-a-uuid', ID(1)] },
      { kind: 'remove', ids: [ID(2)] },
    ]);
    expect({ added: ids(overlay.delta().added), removed: ids(overlay.delta().removed) }).toEqual({ added: [ID(3)], removed: [ID(2)] });
    expect(reads).toEqual({ states: [[ID(3), ID(9), ID(1)], [ID(2)]], all: 0 });
  });

  it('applies operations in order: an add then a remove of the same member changes nothing', async () => {
    const { from } = source();
    const overlay = await new MembershipOverlay(from).apply([
      { kind: 'add', ids: [ID(4)] },
      { kind: 'removeMatching', filter: parseFilter(`value eq "${ID(4)}" or value eq "${ID(1)}"`) },
    ]);
    expect(overlay.delta()).toEqual({ added: [], removed: [{ id: ID(1), display: 'user1' }] });
  });

  it('reads the whole list for a replace, a remove of all, and an unusual filter', async () => {
    const { from, reads } = source();
    const overlay = await new MembershipOverlay(from).apply([
      { kind: 'replace', ids: [ID(2), ID(3)] },
      { kind: 'removeMatching', filter: parseFilter('display ew "3"') },
    ]);
    expect({ added: ids(overlay.delta().added), removed: ids(overlay.delta().removed) }).toEqual({ added: [], removed: [ID(1)] });
    expect(reads.all).toBe(1);
    const cleared = await new MembershipOverlay(from).apply([{ kind: 'removeAll' }]);
    expect(ids(cleared.delta().removed)).toEqual([ID(1), ID(2)]);
  });
});
