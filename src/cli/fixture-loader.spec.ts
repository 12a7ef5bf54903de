import { type MigratedSqlite, migratedSqlite } from '../../test/helpers/migrated-sqlite';
import type { Database } from '../database/database';
import { FixtureError, loadFixture } from './fixture-loader';

const TOKEN = 'plain-text-token-value';
const TABLES = ['organizations', 'roles', 'users', 'org_memberships', 'groups', 'group_memberships', 'access_tokens'];

/** The fixture of the README (Fixtures), plus a second user; every case below spoils one field of it. */
function validFixture() {
  return {
    organizations: [{ slug: 'acme', name: 'Acme Inc' }],
    roles: [
      {
        organization: 'acme',
        slug: 'group-editor',
        name: 'Group editor',
        permissions: [
          { subject: 'groups', action: 'read' },
          { subject: 'groups', action: 'edit' },
        ],
      },
    ],
    users: [
      { username: 'alice@acme.test', email: 'alice@acme.test', firstName: 'Alice', lastName: 'Liddell' },
      { username: 'bob@acme.test', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Builder' },
    ],
    memberships: [{ organization: 'acme', username: 'alice@acme.test', role: 'admin' }],
    groups: [
      {
        organization: 'acme',
        id: '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01',
        name: 'Engineering',
        slug: 'engineering',
        role: 'member',
        managedExternally: false,
        members: ['alice@acme.test'],
      },
    ],
    tokens: [{ organization: 'acme', username: 'alice@acme.test', name: 'ci', token: TOKEN }],
  };
}

type Fixture = ReturnType<typeof validFixture>;

describe('loadFixture validation', () => {
  let sqlite: MigratedSqlite;
  let database: Database;

  beforeAll(async () => {
    sqlite = await migratedSqlite();
    database = sqlite.database;
  });
  afterAll(() => sqlite.close());

  async function rowCounts(): Promise<number[]> {
    return Promise.all(TABLES.map(async (table) => Number((await database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)));
  }

  async function refusal(fixture: unknown): Promise<FixtureError> {
    const error = await loadFixture(database, fixture).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FixtureError);
    return error as FixtureError;
  }

  const cases: [string, (f: Fixture) => unknown, string][] = [
    ['a file that is not an object', () => [], 'fixture: must be a JSON object'],
    [
      'an unknown section',
      (f) => ({ ...f, widgets: [] }),
      'widgets: unknown key (expected organizations, roles, users, memberships, groups, tokens, identities)',
    ],
    ['a section that is not an array', (f) => ({ ...f, users: {} }), 'users: must be an array'],
    ['an entry that is not an object', (f) => ({ ...f, users: ['alice'] }), 'users[0]: must be an object'],
    [
      'an unknown key in an entry',
      (f) => (((f.users[1] as object as Record<string, unknown>).nickname = 'b'), f),
      'users[1].nickname: unknown key (expected username, email, firstName, lastName)',
    ],
    ['a missing required field', (f) => (delete (f.organizations[0] as Partial<Fixture['organizations'][0]>).name, f), 'organizations[0].name: is required'],
    [
      'a field of the wrong type',
      (f) => (((f.users[0] as Record<string, unknown>).firstName = 42), f),
      'users[0].firstName: must be a string of 1-255 characters',
    ],
    [
      'an organization slug in capitals',
      (f) => ((f.organizations[0].slug = 'ACME'), f),
      'organizations[0].slug: must be 1-64 characters of a-z, 0-9 and "-" (single dashes, between letters or digits)',
    ],
    [
      'a username with surrounding spaces',
      (f) => ((f.users[1].username = ' bob '), f),
      'users[1].username: must have no control characters and no leading or trailing whitespace',
    ],
    [
      'a username with a control character',
      (f) => ((f.users[1].username = 'bob\u0007'), f),
      'users[1].username: must have no control characters and no leading or trailing whitespace',
    ],
    ['an email without @', (f) => ((f.users[1].email = 'bob.acme.test'), f), 'users[1].email: must be an email address of at most 255 characters'],
    [
      'a role named like a built-in role',
      (f) => ((f.roles[0].slug = 'admin'), f),
      'roles[0].slug: "admin" is a built-in role; a custom role needs another slug',
    ],
    [
      'an unknown permission subject',
      (f) => ((f.roles[0].permissions[1].subject = 'projects'), f),
      'roles[0].permissions[1].subject: unknown subject "projects" (known: groups, identity, audit-logs, scim)',
    ],
    [
      'an unknown permission action',
      (f) => ((f.roles[0].permissions[0].action = 'fly'), f),
      'roles[0].permissions[0].action: unknown action "fly" on groups (known: read, create, edit, delete, grant-privileges, add-members, remove-members, add-identities, remove-identities)',
    ],
    ['a group name over 50 characters', (f) => ((f.groups[0].name = 'x'.repeat(51)), f), 'groups[0].name: must be a string of 1-50 characters'],
    [
      'a group slug too short',
      (f) => ((f.groups[0].slug = 'eng'), f),
      'groups[0].slug: must be 5-36 characters of a-z, 0-9 and "-" (single dashes, between letters or digits)',
    ],
    [
      'a group slug with a double dash',
      (f) => ((f.groups[0].slug = 'back--end'), f),
      'groups[0].slug: must be 5-36 characters of a-z, 0-9 and "-" (single dashes, between letters or digits)',
    ],
    ['a group id that is not a UUID', (f) => ((f.groups[0].id = 'engineering-1'), f), 'groups[0].id: must be a UUID'],
    [
      'managedExternally that is not a boolean',
      (f) => (((f.groups[0] as Record<string, unknown>).managedExternally = 'no'), f),
      'groups[0].managedExternally: must be true or false',
    ],
    ['a token too short', (f) => ((f.tokens[0].token = 'short'), f), 'tokens[0].token: must be 16-1024 characters without whitespace'],
    [
      'an expiry that is not a timestamp',
      (f) => (((f.tokens[0] as Record<string, unknown>).expiresAt = 'tomorrow'), f),
      'tokens[0].expiresAt: must be an ISO 8601 timestamp with its zone, like 2030-01-31T00:00:00Z',
    ],
    [
      'an expiry without its zone',
      (f) => (((f.tokens[0] as Record<string, unknown>).expiresAt = '2030-01-31T00:00:00'), f),
      'tokens[0].expiresAt: must be an ISO 8601 timestamp with its zone, like 2030-01-31T00:00:00Z',
    ],
    [
      'a username given twice in another case',
      (f) => ((f.users[1].username = 'ALICE@acme.test'), f),
      'users[1].username: "ALICE@acme.test" is already given at users[0] (usernames are unique whatever their case)',
    ],
    [
      'an organization given twice',
      (f) => (f.organizations.push({ slug: 'acme', name: 'Again' }), f),
      'organizations[1].slug: "acme" is already given at organizations[0]',
    ],
    [
      'a group member listed twice',
      (f) => (f.groups[0].members.push('Alice@Acme.test'), f),
      'groups[0].members[1]: "Alice@Acme.test" is already given at groups[0].members[0] (usernames are unique whatever their case)',
    ],
    [
      'two groups with one slug',
      (f) => (f.groups.push({ ...f.groups[0], id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }), f),
      'groups[1].slug: "engineering" is already given at groups[0] in the same organization',
    ],
    [
      'a token value given twice',
      (f) => (f.tokens.push({ ...f.tokens[0], name: 'deploy' }), f),
      'tokens[1].token: the same value is already given at tokens[0]',
    ],
    ['an unknown organization', (f) => ((f.memberships[0].organization = 'globex'), f), 'memberships[0].organization: unknown organization "globex"'],
    ['an unknown user', (f) => ((f.memberships[0].username = 'carol@acme.test'), f), 'memberships[0].username: unknown user "carol@acme.test"'],
    [
      'an unknown role',
      (f) => ((f.memberships[0].role = 'owner'), f),
      'memberships[0].role: unknown role "owner" in organization "acme" (built-in: admin, member, no-access)',
    ],
    [
      'a group role of no organization',
      (f) => ((f.groups[0].role = 'group-viewer'), f),
      'groups[0].role: unknown role "group-viewer" in organization "acme" (built-in: admin, member, no-access)',
    ],
    [
      'a group member outside the organization',
      (f) => (f.groups[0].members.push('bob@acme.test'), f),
      'groups[0].members[1]: user "bob@acme.test" is not a member of organization "acme"',
    ],
    [
      'an own __proto__ key',
      (f) => ((f.users[1] = JSON.parse('{"username": "bob@acme.test", "__proto__": {"admin": true}}')), f),
      'users[1].__proto__: unknown key (expected username, email, firstName, lastName)',
    ],
    [
      'a permission that is not an object',
      (f) => (((f.roles[0].permissions as unknown[])[1] = 'groups:read'), f),
      'roles[0].permissions[1]: must be an object',
    ],
    [
      'an unknown key in a permission',
      (f) => (((f.roles[0].permissions[0] as Record<string, unknown>).scope = 'all'), f),
      'roles[0].permissions[0].scope: unknown key (expected subject, action)',
    ],
    [
      'a group member that is not a username',
      (f) => (f.groups[0].members.push(' bob@acme.test'), f),
      'groups[0].members: item 1 must be a username: a string of 1-255 characters that has no control characters and no leading or trailing whitespace',
    ],
    [
      'a token of a user outside the organization',
      (f) => ((f.tokens[0].username = 'bob@acme.test'), f),
      'tokens[0].username: user "bob@acme.test" is not a member of organization "acme"',
    ],
  ];

  it.each(cases)('refuses %s, naming the entry and the field, and writes nothing', async (_, spoil, message) => {
    const error = await refusal(spoil(validFixture()));
    expect(error.message).toBe(message);
    expect(await rowCounts()).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('never repeats a token value in a message', async () => {
    const fixture = validFixture();
    fixture.tokens.push({ ...fixture.tokens[0], name: 'again' });
    const error = await refusal(fixture);
    expect(error.message).not.toContain(TOKEN);
  });

  it('loads the valid fixture the cases start from', async () => {
    const summary = await loadFixture(database, validFixture());
    expect(summary.users).toEqual({ inserted: 2, existing: 0 });
    expect(await rowCounts()).toEqual([1, 1, 2, 1, 1, 1, 1]);
  });

  it('takes null for an optional field as its default', async () => {
    const fixture = {
      organizations: [{ slug: 'nulls', name: 'Nulls' }],
      users: [{ username: 'dora@nulls.test', email: null }],
      memberships: [{ organization: 'nulls', username: 'dora@nulls.test', role: null }],
    };
    await loadFixture(database, fixture);
    const [dora] = await database.query<{ email: unknown }>('SELECT email FROM users WHERE username = $1', ['dora@nulls.test']);
    const [membership] = await database.query<{ role: string }>(
      'SELECT m.role FROM org_memberships m JOIN organizations o ON o.id = m.org_id WHERE o.slug = $1',
      ['nulls'],
    );
    expect([dora.email, membership.role]).toEqual([null, 'member']);
  });

  it('gives the rows of one table ascending ids, in the order of the file', async () => {
    const users = Array.from({ length: 50 }, (_, index) => ({ username: `user${String(index).padStart(2, '0')}@acme.test` }));
    await loadFixture(database, { users });
    const rows = await database.query<{ id: string; username: string }>("SELECT id, username FROM users WHERE username LIKE 'user%' ORDER BY id");
    expect(rows.map((row) => row.username)).toEqual(users.map((user) => user.username));
    expect(new Set(rows.map((row) => row.id)).size).toBe(50);
    for (const { id } of rows) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('derives the slug of a group given without one, the same on every load', async () => {
    const fixture = validFixture();
    fixture.groups.push({ organization: 'acme', name: 'QA' } as Fixture['groups'][0]);
    const first = await loadFixture(database, fixture);
    const second = await loadFixture(database, fixture);
    expect([first.groups, second.groups]).toEqual([
      { inserted: 1, existing: 1 },
      { inserted: 0, existing: 2 },
    ]);
    const slugs = await database.query<{ slug: string }>('SELECT slug FROM groups ORDER BY slug');
    expect(slugs.map((row) => row.slug)).toEqual(['engineering', 'qa-group']);
  });
});
