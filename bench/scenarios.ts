import type { ScenarioName } from './config';
import { Dataset } from './dataset';
import type { ConnectionPlan, PlannedRequest } from './load';

/** The requests of one load run, and how to put the data back afterwards. */
export interface ScenarioRun {
  readonly plan: ConnectionPlan;
  /** True when the run asked for more distinct members than the group has. */
  exhausted(): boolean;
  /** Restores what the run changed, so that the next run finds the same data. */
  finish(): Promise<void>;
}

export interface Scenario {
  readonly name: string;
  /** The status every request of the scenario must get. */
  readonly expectedStatus: number;
  /** A request with an unknown token: a server that has the route answers it with 401. */
  readonly probe: PlannedRequest;
  /** Requests whose answers must be the same, byte for byte once parsed, from every server that has the route. */
  readonly sameAnswers?: readonly PlannedRequest[];
  start(): ScenarioRun;
}

/** A token that no server knows. */
export const UNKNOWN_TOKEN = 'bench-unknown-token-0123456789';

const membersPath = (groupId: string, username: string) => `/api/v1/groups/${groupId}/users/${encodeURIComponent(username)}`;

export function scenario(name: ScenarioName, dataset: Dataset, size: { members: number; cyclePool: number; connections: number }): Scenario {
  const { groups, token } = dataset;
  switch (name) {
    case 'remove':
      return removeScenario('remove', dataset, groups.remove, size.members);
    case 'remove+add':
      return memberCycle(
        name,
        size,
        { method: 'POST', path: membersPath(groups.cycle, Dataset.usernameOf(0)), token: UNKNOWN_TOKEN },
        (index, remove) => ({ method: remove ? 'DELETE' : 'POST', path: membersPath(groups.cycle, Dataset.usernameOf(index)), token }),
        (pool) => dataset.restoreMembers(groups.cycle, pool),
      );
    case 'scim-patch': {
      // The PATCHes that Okta sends, answered without the member list as a provider asks for it.
      const path = (connection: number) => `/api/v1/scim/Groups/${groups.scim[connection % groups.scim.length]}?excludedAttributes=members`;
      const patch = (operation: object) => JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [operation] });
      return memberCycle(
        name,
        size,
        { method: 'PATCH', path: path(0), token: UNKNOWN_TOKEN },
        (index, remove, connection) => {
          const userId = dataset.userIdOf(index);
          const operation = remove ? { op: 'remove', path: `members[value eq "${userId}"]` } : { op: 'add', path: 'members', value: [{ value: userId }] };
          return { method: 'PATCH', path: path(connection), token: dataset.scimToken, scimBody: patch(operation) };
        },
        async (pool) => {
          for (const group of groups.scim) await dataset.restoreMembers(group, pool);
        },
      );
    }
    case 'read':
      return fixedRequest(name, { method: 'GET', path: `/api/v1/groups/${groups.list}`, token });
    case 'scim-read': {
      const filter = encodeURIComponent('displayName eq "bench-list"');
      return fixedRequest(name, { method: 'GET', path: `/api/v1/scim/Groups?filter=${filter}&excludedAttributes=members`, token: dataset.scimToken });
    }
    case 'list':
    case 'list-org':
      return listScenario(name, groups.list, token, name === 'list');
    case 'unauthorized':
      return {
        ...fixedRequest(name, { method: 'DELETE', path: membersPath(groups.remove, Dataset.usernameOf(0)), token: UNKNOWN_TOKEN }),
        expectedStatus: 401,
      };
  }
}

/**
 * Searches of 100 matches each, `member-0000d00` to `member-0000d99`, all members of the group: among
 * its members (`existingMembers`), or among the whole organization.
 */
export function listScenario(name: string, groupId: string, token: string, existingMembers: boolean): Scenario {
  const terms = Array.from({ length: 10 }, (_, d) => `member-0000${d}`);
  const filter = existingMembers ? '&filter=existingMembers' : '';
  const path = (term: string) => `/api/v1/groups/${groupId}/users?limit=100${filter}&search=${encodeURIComponent(term)}`;
  return {
    name,
    expectedStatus: 200,
    probe: { method: 'GET', path: path(terms[0]), token: UNKNOWN_TOKEN },
    // Every server must give the same answer: the same users in the same order, and the count.
    sameAnswers: [
      ...terms.slice(0, 3).map((term) => ({ method: 'GET' as const, path: path(term), token })),
      { method: 'GET', path: path('member-000012'), token },
    ],
    start() {
      let sent = 0;
      return {
        plan: () => ({ next: () => ({ method: 'GET', path: path(terms[sent++ % terms.length]), token }) }),
        exhausted: () => false,
        finish: async () => undefined,
      };
    },
  };
}

/** The same request over and over, answered 200. */
function fixedRequest(name: string, request: PlannedRequest): Scenario {
  return {
    name,
    expectedStatus: 200,
    probe: { ...request, token: UNKNOWN_TOKEN },
    start: () => ({ plan: () => ({ next: () => request }), exhausted: () => false, finish: async () => undefined }),
  };
}

/**
 * Each connection cycles over users of its own, all members when the run starts: remove one, add it
 * back, next. `finish` makes the pool's users members again, whatever the run left behind.
 */
function memberCycle(
  name: string,
  size: { cyclePool: number; connections: number },
  probe: PlannedRequest,
  request: (userIndex: number, remove: boolean, connection: number) => PlannedRequest,
  finish: (pool: number[]) => Promise<void>,
): Scenario {
  return {
    name,
    expectedStatus: 200,
    probe,
    start() {
      let connections = 0;
      const pool = Array.from({ length: size.cyclePool }, (_, i) => i);
      return {
        plan: () => {
          const connection = connections++;
          const own = pool.filter((i) => i % size.connections === connection % size.connections);
          let step = 0;
          return {
            next: () => {
              const index = own[Math.floor(step / 2) % own.length];
              return request(index, step++ % 2 === 0, connection);
            },
          };
        },
        exhausted: () => false,
        finish: () => finish(pool),
      };
    },
  };
}

/**
 * Every request removes a different member, in random order, among the group's first `members`
 * users (all of them members when the run starts); the run's removals are undone afterwards.
 */
export function removeScenario(name: string, dataset: Dataset, groupId: string, members: number): Scenario {
  return {
    name,
    expectedStatus: 200,
    probe: { method: 'DELETE', path: membersPath(groupId, Dataset.usernameOf(0)), token: UNKNOWN_TOKEN },
    start() {
      const order = shuffled(members);
      let sent = 0;
      return {
        plan: () => ({
          next: () => {
            // Past the end, a user that is no member: the share of 200s shows that the group ran out.
            const username = sent < members ? Dataset.usernameOf(order[sent]) : 'bench-nobody';
            sent++;
            return { method: 'DELETE', path: membersPath(groupId, username), token: dataset.token };
          },
        }),
        exhausted: () => sent > members,
        finish: () => dataset.restoreMembers(groupId, Array.from(order.subarray(0, Math.min(sent, members)))),
      };
    },
  };
}

function shuffled(count: number): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
