import request from 'supertest';
import { databaseDigest } from './helpers/database-digest';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

/**
 * The isolation matrix: on every route, a token of one organization given the ids, usernames, slugs
 * and role names of the other gets exactly the answer it gets for ones that do not exist, and the
 * other organization's data does not change. Both directions, an admin's token and a reader's.
 */
interface Org {
  slug: string;
  tokens: { admin: string; reader: string };
  /** A group of the organization and its member, a user of the organization outside it, a custom role. */
  group: string;
  otherGroup: string;
  groupSlug: string;
  member: string;
  outsider: string;
  role: string;
}

const ORGS: Record<'acme' | 'globex', Org> = {
  acme: {
    slug: 'acme',
    tokens: { admin: 'isolation-acme-admin-0123456789', reader: 'isolation-acme-reader-0123456789' },
    group: '0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01',
    otherGroup: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    groupSlug: 'acme-engineering',
    member: 'alice@acme.test',
    outsider: 'bob@acme.test',
    role: 'acme-editor',
  },
  globex: {
    slug: 'globex',
    tokens: { admin: 'isolation-globex-admin-0123456789', reader: 'isolation-globex-reader-0123456789' },
    group: '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182',
    otherGroup: '5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293',
    groupSlug: 'globex-staff',
    member: 'mallory@globex.test',
    outsider: 'trent@globex.test',
    role: 'globex-editor',
  },
};

/** Identifiers that exist nowhere, in the same shapes. */
const MISSING = { group: '6b7c8d9e-0f1a-4b2c-9d4e-5f6071829304', username: 'nobody@nowhere.test', slug: 'nowhere-slug', role: 'nowhere-role' };

const fixture = {
  organizations: Object.values(ORGS).map((org) => ({ slug: org.slug, name: org.slug })),
  roles: Object.values(ORGS).map((org) => ({ organization: org.slug, slug: org.role, name: org.role, permissions: [{ subject: 'groups', action: 'edit' }] })),
  users: Object.values(ORGS).flatMap((org) => [
    { username: org.member, email: org.member, firstName: 'Member', lastName: org.slug },
    { username: org.outsider },
    { username: `admin@${org.slug}.test` },
    { username: `reader@${org.slug}.test` },
  ]),
  memberships: Object.values(ORGS).flatMap((org) => [
    { organization: org.slug, username: org.member, role: 'member' },
    { organization: org.slug, username: org.outsider, role: 'member' },
    { organization: org.slug, username: `admin@${org.slug}.test`, role: 'admin' },
    { organization: org.slug, username: `reader@${org.slug}.test`, role: 'member' },
  ]),
  groups: Object.values(ORGS).flatMap((org) => [
    { organization: org.slug, id: org.group, name: `${org.slug} engineering`, slug: org.groupSlug, role: 'member', members: [org.member] },
    { organization: org.slug, id: org.otherGroup, name: `${org.slug} support`, slug: `${org.slug}-support`, role: 'no-access', members: [] },
  ]),
  tokens: Object.values(ORGS).flatMap((org) => [
    { organization: org.slug, username: `admin@${org.slug}.test`, name: 'admin', token: org.tokens.admin },
    { organization: org.slug, username: `reader@${org.slug}.test`, name: 'reader', token: org.tokens.reader },
  ]),
};

interface Call {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: object;
}

/**
 * One row of the matrix: a call built with an identifier of the other organization (`theirs`) and
 * the same call with one that does not exist (`missing`).
 */
interface Case {
  name: string;
  token: string;
  theirs: string;
  missing: string;
  call: (identifier: string) => Call;
}

function casesFor(mine: Org, theirs: Org): Case[] {
  const { admin, reader } = mine.tokens;
  const q = encodeURIComponent;
  return [
    ...[admin, reader].flatMap((token) => [
      {
        name: 'GET a group',
        token,
        theirs: theirs.group,
        missing: MISSING.group,
        call: (id: string) => ({ method: 'get' as const, path: `/api/v1/groups/${id}` }),
      },
      {
        name: 'GET a group, id in upper case',
        token,
        theirs: theirs.group.toUpperCase(),
        missing: MISSING.group.toUpperCase(),
        call: (id: string) => ({ method: 'get' as const, path: `/api/v1/groups/${id}` }),
      },
      {
        name: 'GET the users of a group',
        token,
        theirs: theirs.group,
        missing: MISSING.group,
        call: (id: string) => ({ method: 'get' as const, path: `/api/v1/groups/${id}/users` }),
      },
      ...['existingMembers', 'nonMembers', ''].flatMap((filter) => [
        {
          name: `GET my group's users by username (${filter || 'no filter'})`,
          token,
          theirs: theirs.member,
          missing: MISSING.username,
          call: (username: string) => ({ method: 'get' as const, path: `/api/v1/groups/${mine.group}/users?username=${q(username)}&filter=${filter}` }),
        },
        {
          name: `GET my group's users by search (${filter || 'no filter'})`,
          token,
          theirs: theirs.outsider,
          missing: MISSING.username,
          call: (username: string) => ({ method: 'get' as const, path: `/api/v1/groups/${mine.group}/users?search=${q(username)}&filter=${filter}` }),
        },
      ]),
      {
        name: 'GET audit logs by actor username',
        token,
        theirs: `admin@${theirs.slug}.test`,
        missing: MISSING.username,
        call: (actor: string) => ({ method: 'get' as const, path: `/api/v1/organization/audit-logs?actor=${q(actor)}` }),
      },
    ]),
    {
      name: 'PATCH a group',
      token: admin,
      theirs: theirs.group,
      missing: MISSING.group,
      call: (id) => ({ method: 'patch', path: `/api/v1/groups/${id}`, body: { name: 'Taken over' } }),
    },
    {
      name: 'PATCH a group, as a reader',
      token: reader,
      theirs: theirs.group,
      missing: MISSING.group,
      call: (id) => ({ method: 'patch', path: `/api/v1/groups/${id}`, body: { name: 'Taken over' } }),
    },
    { name: 'DELETE a group', token: admin, theirs: theirs.group, missing: MISSING.group, call: (id) => ({ method: 'delete', path: `/api/v1/groups/${id}` }) },
    {
      name: 'POST a member to their group',
      token: admin,
      theirs: theirs.group,
      missing: MISSING.group,
      call: (id) => ({ method: 'post', path: `/api/v1/groups/${id}/users/${q(mine.outsider)}` }),
    },
    {
      name: 'DELETE their member from their group',
      token: admin,
      theirs: theirs.group,
      missing: MISSING.group,
      call: (id) => ({ method: 'delete', path: `/api/v1/groups/${id}/users/${q(theirs.member)}` }),
    },
    {
      name: 'POST their user to my group',
      token: admin,
      theirs: theirs.outsider,
      missing: MISSING.username,
      call: (username) => ({ method: 'post', path: `/api/v1/groups/${mine.group}/users/${q(username)}` }),
    },
    {
      name: 'POST their user to my group, username in upper case',
      token: admin,
      theirs: theirs.outsider.toUpperCase(),
      missing: MISSING.username.toUpperCase(),
      call: (username) => ({ method: 'post', path: `/api/v1/groups/${mine.group}/users/${q(username)}` }),
    },
    {
      name: 'DELETE their user from my group',
      token: admin,
      theirs: theirs.member,
      missing: MISSING.username,
      call: (username) => ({ method: 'delete', path: `/api/v1/groups/${mine.group}/users/${q(username)}` }),
    },
    {
      name: 'POST a group with their custom role',
      token: admin,
      theirs: theirs.role,
      missing: MISSING.role,
      call: (role) => ({ method: 'post', path: '/api/v1/groups', body: { name: 'Borrowed role', role } }),
    },
    {
      name: 'PATCH my group to their custom role',
      token: admin,
      theirs: theirs.role,
      missing: MISSING.role,
      call: (role) => ({ method: 'patch', path: `/api/v1/groups/${mine.otherGroup}`, body: { role } }),
    },
  ];
}

/** The cases where the other organization's name is free to take: both calls succeed alike. */
function takingCasesFor(mine: Org, theirs: Org): Case[] {
  const { admin } = mine.tokens;
  return [
    {
      name: 'POST a group with their slug',
      token: admin,
      theirs: theirs.groupSlug,
      missing: MISSING.slug,
      call: (slug) => ({ method: 'post', path: '/api/v1/groups', body: { name: `Slug ${slug}`, slug } }),
    },
    {
      name: 'PATCH my group to their slug',
      token: admin,
      theirs: `${theirs.slug}-support`,
      missing: `${MISSING.slug}-two`,
      call: (slug) => ({ method: 'patch', path: `/api/v1/groups/${mine.otherGroup}`, body: { slug } }),
    },
  ];
}

describe.each(DATABASE_KINDS)('isolation between organizations on %s', (kind) => {
  let t: TestApp;
  const orgIds: Record<string, string> = {};
  let tried = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, fixture);
    for (const row of await t.database.query<{ id: string; slug: string }>('SELECT id, slug FROM organizations')) orgIds[row.slug] = row.id;
    // Each organization's audit log has entries of its own.
    for (const org of Object.values(ORGS)) {
      await request(t.server)
        .post('/api/v1/groups')
        .set('Authorization', `Bearer ${org.tokens.admin}`)
        .send({ name: `${org.slug} audit seed` })
        .expect(200);
    }
  });
  afterAll(() => {
    console.log(`Isolation matrix on ${kind}: ${tried} cases, each against an identifier that does not exist`);
    return t.close();
  });

  /** Every row that belongs to the organization, its users' memberships included. */
  const rowsOf = (slug: string) => {
    const org = `'${orgIds[slug]}'`;
    return databaseDigest(t, {
      organizations: `WHERE id = ${org}`,
      users: `WHERE id IN (SELECT user_id FROM org_memberships WHERE org_id = ${org})`,
      roles: `WHERE org_id = ${org}`,
      org_memberships: `WHERE org_id = ${org}`,
      groups: `WHERE org_id = ${org}`,
      group_memberships: `WHERE group_id IN (SELECT id FROM groups WHERE org_id = ${org})`,
      access_tokens: `WHERE org_id = ${org}`,
      audit_logs: `WHERE org_id = ${org}`,
    });
  };

  const send = (token: string, { method, path, body }: Call) => {
    const call = request(t.server)[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? call : call.send(body);
  };

  /** The answer with the tried identifier and the per-request fields taken out. */
  const normalized = (response: request.Response, identifier: string) => {
    const { reqId: _reqId, ...body } = response.body as Record<string, unknown>;
    const text = JSON.stringify(body).split(identifier).join('<tried>').split(identifier.toLowerCase()).join('<tried>');
    return { status: response.status, body: JSON.parse(text) as unknown };
  };

  describe.each([
    ['acme', 'globex'],
    ['globex', 'acme'],
  ] as const)("a token of %s against %s's identifiers", (mineSlug, theirsSlug) => {
    const mine = ORGS[mineSlug];
    const theirs = ORGS[theirsSlug];

    // Before the cases below take their slugs for groups of our own.
    it('lists none of their groups or audit entries', async () => {
      const groups = await send(mine.tokens.reader, { method: 'get', path: '/api/v1/groups' }).expect(200);
      const audit = await send(mine.tokens.admin, { method: 'get', path: '/api/v1/organization/audit-logs?limit=100' }).expect(200);
      const users = await send(mine.tokens.reader, { method: 'get', path: `/api/v1/groups/${mine.group}/users?filter=nonMembers&limit=100` }).expect(200);
      tried += 3;
      const text = JSON.stringify([groups.body, audit.body, users.body]).toLowerCase();
      for (const identifier of [
        theirs.group,
        theirs.otherGroup,
        theirs.member,
        theirs.outsider,
        theirs.groupSlug,
        `admin@${theirs.slug}.test`,
        orgIds[theirs.slug],
      ]) {
        expect(text).not.toContain(identifier.toLowerCase());
      }
      expect(audit.body.totalCount).toBeGreaterThan(0);
    });

    it.each(casesFor(mine, theirs).map((row) => [row.name, row] as const))('%s: the answer for a missing one, and nothing changes', async (_name, row) => {
      const theirsBefore = await rowsOf(theirs.slug);
      const before = await databaseDigest(t);
      const withTheirs = await send(row.token, row.call(row.theirs));
      const afterTheirs = await databaseDigest(t);
      const withMissing = await send(row.token, row.call(row.missing));
      tried += 1;

      expect(normalized(withTheirs, row.theirs)).toEqual(normalized(withMissing, row.missing));
      // Their identifiers never come back, whatever the answer.
      const text = JSON.stringify(withTheirs.body).toLowerCase();
      for (const identifier of [theirs.group, theirs.otherGroup, theirs.member, theirs.outsider, theirs.groupSlug, orgIds[theirs.slug]]) {
        if (identifier.toLowerCase() !== row.theirs.toLowerCase()) expect(text).not.toContain(identifier.toLowerCase());
      }
      if (withTheirs.status >= 400) expect(afterTheirs).toBe(before);
      expect(await rowsOf(theirs.slug)).toBe(theirsBefore);
    });

    it.each(takingCasesFor(mine, theirs).map((row) => [row.name, row] as const))('%s: free to take, as a name no one has', async (_name, row) => {
      const theirsBefore = await rowsOf(theirs.slug);
      const withTheirs = await send(row.token, row.call(row.theirs));
      const withMissing = await send(row.token, row.call(row.missing));
      tried += 1;
      expect([withTheirs.status, withTheirs.body.slug]).toEqual([200, row.theirs]);
      expect([withMissing.status, withMissing.body.slug]).toEqual([200, row.missing]);
      expect(await rowsOf(theirs.slug)).toBe(theirsBefore);
    });
  });
});
