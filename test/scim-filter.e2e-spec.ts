import fc from 'fast-check';
import request from 'supertest';
import { createScimToken, type ScimClient, scimClient } from './helpers/scim';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

const ADMIN = 'token-admin-0123456789abcdef';
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** A user as the list answers it: what the filter sees. */
interface Resource {
  id: string;
  userName: string;
  externalId?: string;
  name?: { givenName?: string; familyName?: string };
  emails?: { value: string; type: string }[];
  active: boolean;
  meta: { created: string; lastModified: string };
}

/** The filter grammar, as an AST this test generates, prints and evaluates itself. */
type Node =
  | { kind: 'compare'; path: string; op: string; value: string | boolean }
  | { kind: 'present'; path: string }
  | { kind: 'emails'; filter: Node }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node };

type Kind = 'string' | 'exact' | 'id' | 'boolean' | 'instant';
const ATTRIBUTES: Record<string, Kind> = {
  userName: 'string',
  'name.givenName': 'string',
  'name.familyName': 'string',
  emails: 'string',
  'emails.value': 'string',
  externalId: 'exact',
  id: 'id',
  active: 'boolean',
  'meta.created': 'instant',
  'meta.lastModified': 'instant',
};
const OPERATORS: Record<Kind, string[]> = {
  string: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  exact: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  id: ['eq', 'ne', 'sw', 'co', 'gt'],
  boolean: ['eq', 'ne'],
  instant: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
};

/** Only ASCII: SQLite's lower() folds ASCII alone, and the contract compares lower-cased values. */
const ALPHABET = 'aAbBcC01%_."-';
const text = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: min, maxLength: max });

function valueOf(resource: Resource, path: string): string | boolean | undefined {
  switch (path) {
    case 'userName':
      return resource.userName;
    case 'name.givenName':
      return resource.name?.givenName;
    case 'name.familyName':
      return resource.name?.familyName;
    case 'emails':
    case 'emails.value':
      return resource.emails?.[0]?.value;
    case 'externalId':
      return resource.externalId;
    case 'id':
      return resource.id;
    case 'active':
      return resource.active;
    case 'meta.created':
      return resource.meta.created;
    case 'meta.lastModified':
      return resource.meta.lastModified;
    default:
      throw new Error(`no attribute ${path}`);
  }
}

/** Inside `emails[…]`, `value` and `type` are the email's; elsewhere names are the user's. */
function inEmail(path: string, resource: Resource, emailType: string | undefined): string | boolean | undefined {
  if (path === 'type') return emailType;
  if (path === 'value') return resource.emails?.[0]?.value;
  return valueOf(resource, path);
}

const lower = (value: string) => value.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** The contract's semantics, written independently of the SQL compiler. */
function holds(node: Node, resource: Resource, emailType?: string): boolean {
  switch (node.kind) {
    case 'and':
      return holds(node.left, resource, emailType) && holds(node.right, resource, emailType);
    case 'or':
      return holds(node.left, resource, emailType) || holds(node.right, resource, emailType);
    case 'not':
      return !holds(node.inner, resource, emailType);
    case 'emails': {
      const email = resource.emails?.[0];
      return email !== undefined && holds(node.filter, resource, email.type);
    }
    case 'present': {
      const value = inEmail(node.path, resource, emailType);
      return value !== undefined && value !== '';
    }
    case 'compare': {
      const kind = ATTRIBUTES[node.path] ?? 'string';
      const raw = inEmail(node.path, resource, emailType);
      // A multi-valued attribute without values has no value that could compare, `ne` included.
      if (raw === undefined) return node.op === 'ne' && !node.path.startsWith('emails');
      if (kind === 'boolean') return node.op === 'eq' ? raw === node.value : raw !== node.value;
      if (kind === 'instant') return compare(Date.parse(raw as string), Date.parse(node.value as string), node.op);
      const [actual, expected] = kind === 'string' ? [lower(raw as string), lower(node.value as string)] : [raw as string, node.value as string];
      if (node.op === 'co') return actual.includes(expected);
      if (node.op === 'sw') return actual.startsWith(expected);
      if (node.op === 'ew') return actual.endsWith(expected);
      return compare(actual, expected, node.op);
    }
  }
}

function compare<T extends string | number>(actual: T, expected: T, op: string): boolean {
  return (
    { eq: actual === expected, ne: actual !== expected, gt: actual > expected, ge: actual >= expected, lt: actual < expected, le: actual <= expected }[op] ??
    false
  );
}

/** The filter's text, with attribute names and operators in random case. */
function print(node: Node, casing: (word: string) => string): string {
  const quote = (value: string | boolean) => (typeof value === 'boolean' ? String(value) : `"${value.replace(/"/g, '\\"')}"`);
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${print(node.left, casing)} ${casing(node.kind)} ${print(node.right, casing)})`;
    case 'not':
      return `${casing('not')} (${print(node.inner, casing)})`;
    case 'emails':
      return `${casing('emails')}[${print(node.filter, casing)}]`;
    case 'present':
      return `${casing(node.path)} ${casing('pr')}`;
    case 'compare':
      return `${casing(node.path)} ${casing(node.op)} ${quote(node.value)}`;
  }
}

describe.each(DATABASE_KINDS)('the SCIM filter compiler against an evaluator of the same grammar (%s)', (kind) => {
  let t: TestApp;
  let idp: ScimClient;
  let users: Resource[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, {
      organizations: [{ slug: 'acme', name: 'Acme' }],
      users: [{ username: 'admin' }],
      memberships: [{ organization: 'acme', username: 'admin', role: 'admin' }],
      tokens: [{ organization: 'acme', username: 'admin', name: 'e2e', token: ADMIN }],
    });
    idp = scimClient(t, (await createScimToken(t, ADMIN)).scimToken);
    // Users whose values share prefixes, differ in case only elsewhere, and hold LIKE's wildcards.
    const samples = fc.sample(
      fc.record({
        userName: text(1, 6),
        givenName: fc.option(text(0, 4), { nil: undefined }),
        familyName: fc.option(text(1, 4), { nil: undefined }),
        email: fc.option(text(1, 5), { nil: undefined }),
        externalId: fc.option(text(1, 4), { nil: undefined }),
        active: fc.boolean(),
      }),
      { numRuns: 60, seed: 4242 },
    );
    const taken = new Set<string>();
    for (const sample of samples) {
      const userName = sample.userName.trim();
      if (userName === '' || taken.has(lower(userName))) continue;
      taken.add(lower(userName));
      await idp
        .post('/Users', {
          userName,
          ...(sample.givenName !== undefined || sample.familyName !== undefined
            ? { name: { givenName: sample.givenName, familyName: sample.familyName } }
            : {}),
          ...(sample.email !== undefined ? { emails: [{ value: sample.email }] } : {}),
          ...(sample.externalId !== undefined ? { externalId: sample.externalId } : {}),
          active: sample.active,
        })
        .expect(201);
    }
    users = (await idp.get('/Users?count=100').expect(200)).body.Resources;
    expect(users.length).toBeGreaterThan(30);
  }, 60_000);
  afterAll(() => t.close());

  /** Values that hit: those the users hold, their pieces, in other case; and values that miss. */
  const stringValue = () =>
    fc.oneof(
      fc.constantFrom(
        ...users
          .flatMap((user) => [user.userName, user.externalId, user.name?.givenName, user.name?.familyName, user.emails?.[0]?.value])
          .filter((v) => v !== undefined),
      ),
      fc
        .constantFrom(...users.map((user) => user.userName))
        .chain((name) => fc.integer({ min: 0, max: name.length }).map((end) => name.slice(0, end).toUpperCase())),
      text(0, 3),
    );
  const instantValue = () =>
    fc
      .tuple(fc.constantFrom(...users.flatMap((user) => [user.meta.created, user.meta.lastModified])), fc.constantFrom(-1, 0, 0, 1))
      .map(([instant, shift]) => new Date(Date.parse(instant) + shift).toISOString());

  const comparison = (): fc.Arbitrary<Node> =>
    fc.constantFrom(...Object.keys(ATTRIBUTES)).chain((path) => {
      const attributeKind = ATTRIBUTES[path];
      const value: fc.Arbitrary<string | boolean> =
        attributeKind === 'boolean'
          ? fc.boolean()
          : attributeKind === 'instant'
            ? instantValue()
            : attributeKind === 'id'
              ? fc.oneof(fc.constantFrom(...users.map((user) => user.id)), fc.constantFrom(...users.map((user) => user.id.slice(0, 2))))
              : stringValue();
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.record({ kind: fc.constant('compare' as const), path: fc.constant(path), op: fc.constantFrom(...OPERATORS[attributeKind]), value }),
        },
        { weight: 1, arbitrary: fc.constant<Node>({ kind: 'present', path }) },
      );
    });
  const emailFilter = (): fc.Arbitrary<Node> =>
    fc.oneof(
      fc.record({
        kind: fc.constant('compare' as const),
        path: fc.constantFrom('value', 'type'),
        op: fc.constantFrom(...OPERATORS.string),
        value: fc.oneof(stringValue(), fc.constant('WORK')),
      }),
      fc.constant<Node>({ kind: 'present', path: 'value' }),
    );

  it(`finds exactly the users the evaluator finds (${RUNS} filters)`, async () => {
    const { tree } = fc.letrec<{ tree: Node }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        comparison(),
        emailFilter().map((filter): Node => ({ kind: 'emails', filter })),
        fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
        fc.record({ kind: fc.constant('not' as const), inner: tie('tree') }),
      ),
    }));
    const casing = fc.func(fc.boolean()).map((upper) => (word: string) => (upper(word) ? word.toUpperCase() : word));
    await fc.assert(
      fc.asyncProperty(tree, casing, async (node, caseOf) => {
        const filter = print(node, caseOf);
        const response = await idp.get(`/Users?count=100&attributes=id&filter=${encodeURIComponent(filter)}`);
        expect({ filter, status: response.status }).toEqual({ filter, status: 200 });
        const found = response.body.Resources.map((user: { id: string }) => user.id).sort();
        const expected = users
          .filter((user) => holds(node, user))
          .map((user) => user.id)
          .sort();
        expect({ filter, found }).toEqual({ filter, found: expected });
        expect(response.body.totalResults).toBe(expected.length);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('keeps a filter prepared only when its shape is fixed, so that prepared statements do not pile up', async () => {
    const prepared = async () => {
      const metrics = await request(t.server).get('/metrics').set('Authorization', `Bearer ${ADMIN}`).expect(200);
      return Number(/^db_prepared_statements (\d+)$/m.exec(metrics.text)?.[1]);
    };
    const find = (resource: 'Users' | 'Groups', filter: string) => idp.get(`/${resource}?attributes=id&filter=${encodeURIComponent(filter)}`).expect(200);
    const anyOf = (attribute: string, count: number) => Array.from({ length: count }, (_, n) => `${attribute} eq "v${n}"`).join(' or ');
    // The statements of each kind of read, prepared once.
    await find('Users', 'userName eq "a"');
    await find('Groups', 'displayName eq "a"');
    await find('Users', anyOf('userName', 2));
    await find('Groups', anyOf('displayName', 2));
    const before = await prepared();
    expect(before).toBeGreaterThan(0);
    for (let count = 2; count < 22; count++) {
      await find('Users', `userName eq "x${count}"`);
      await find('Users', anyOf('userName', count));
      await find('Users', `not (${anyOf('name.familyName', count)})`);
      await find('Groups', anyOf('displayName', count));
    }
    expect(await prepared()).toBe(before);
  });

  it('accepts attribute names with their schema URN and compares booleans given as strings', async () => {
    const named = await idp.get(`/Users?attributes=id&filter=${encodeURIComponent('urn:ietf:params:scim:schemas:core:2.0:User:active eq "TRUE"')}`).expect(200);
    expect(named.body.totalResults).toBe(users.filter((user) => user.active).length);
  });

  it('treats %, _ and \\ in co, sw and ew literally', async () => {
    const withWildcard = users.filter((user) => user.userName.includes('%') || user.userName.includes('_'));
    for (const needle of ['%', '_']) {
      const response = await idp.get(`/Users?attributes=id&filter=${encodeURIComponent(`userName co "${needle}"`)}`).expect(200);
      expect(response.body.totalResults).toBe(users.filter((user) => user.userName.includes(needle)).length);
    }
    expect(withWildcard.length).toBeGreaterThan(0);
    const backslash = await idp.post('/Users', { userName: 'back\\slash' }).expect(201);
    const found = await idp.get(`/Users?attributes=id&filter=${encodeURIComponent('userName ew "\\slash"')}`).expect(200);
    expect(found.body.Resources.map((user: { id: string }) => user.id)).toEqual([backslash.body.id]);
  });
});
