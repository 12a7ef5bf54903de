/** The fixture format of `npm run seed` (README, Fixtures), as the tests write it. */
export interface Fixture {
  organizations: { slug: string; name: string }[];
  roles: { organization: string; slug: string; name: string; permissions?: { subject: string; action: string }[] }[];
  users: { username: string; email?: string | null; firstName?: string | null; lastName?: string | null }[];
  memberships: { organization: string; username: string; role?: string }[];
  groups: { organization: string; id?: string; name: string; slug?: string; role?: string; managedExternally?: boolean; members?: string[] }[];
  tokens: { organization: string; username: string; name: string; token: string }[];
}

type User = Fixture['users'][number];
type Group = Omit<Fixture['groups'][number], 'organization'>;

/**
 * Builds a fixture of organizations and the people in them: one `member` call gives a user, their
 * membership and, when asked, their token, so that a spec says who is who and not how rows relate.
 * The organization of every call is the last one named (`acme`, Acme Inc, to begin with).
 *
 *   new FixtureBuilder().member('admin@acme.test', 'admin', { token: ADMIN }).group({ name: 'Engineering', members: ['admin@acme.test'] }).build()
 */
export class FixtureBuilder {
  private readonly fixture: Fixture = { organizations: [], roles: [], users: [], memberships: [], groups: [], tokens: [] };
  private current = '';

  constructor(slug = 'acme', name = 'Acme Inc') {
    this.organization(slug, name);
  }

  /** Adds an organization; the calls that follow put their rows in it. */
  organization(slug: string, name: string): this {
    this.fixture.organizations.push({ slug, name });
    this.current = slug;
    return this;
  }

  /** A custom role of the organization. */
  role(slug: string, permissions: { subject: string; action: string }[], name = slug): this {
    this.fixture.roles.push({ organization: this.current, slug, name, permissions });
    return this;
  }

  /** A user who is a member of the organization with this role (a user already added is only made a member), with a token when given. */
  member(username: string, role = 'member', details: Omit<User, 'username'> & { token?: string } = {}): this {
    const { token, ...user } = details;
    if (!this.fixture.users.some((known) => known.username === username)) this.fixture.users.push({ username, ...user });
    this.fixture.memberships.push({ organization: this.current, username, role });
    return token === undefined ? this : this.token(username, token);
  }

  /** A token of a member of the organization. */
  token(username: string, token: string, name = `${username} token`): this {
    this.fixture.tokens.push({ organization: this.current, username, name, token });
    return this;
  }

  /** A group of the organization. */
  group(group: Group): this {
    this.fixture.groups.push({ organization: this.current, ...group });
    return this;
  }

  build(): Fixture {
    return structuredClone(this.fixture);
  }
}
