import { ScimError } from '../domain/scim-error';
import { groupFromBody, groupPatch, oneMemberChange } from './scim-group-changes';
import { patchOperations } from './scim-patch';
import { GROUP_SCHEMA } from './scim-schemas';

const patch = (...Operations: object[]) => groupPatch(patchOperations({ Operations }, GROUP_SCHEMA));
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ScimError ? [error.status, error.scimType] : error;
  }
  return 'accepted';
};

describe('groupPatch', () => {
  it('reads every member form the providers send, in order', () => {
    const changes = patch(
      { op: 'Add', path: 'members', value: [{ $ref: null, value: 'a' }] },
      { op: 'add', path: 'members', value: { value: 'b', display: 'B' } },
      { op: 'Remove', path: 'members', value: [{ value: 'a' }] },
      { op: 'remove', path: 'members[value eq "b"]' },
      { op: 'remove', path: 'members' },
      { op: 'replace', path: 'members', value: [{ value: 'c' }] },
      { op: 'replace', value: { members: [{ value: 'd' }] } },
    );
    expect(changes.members.map((operation) => ('ids' in operation ? [operation.kind, operation.ids] : [operation.kind]))).toEqual([
      ['add', ['a']],
      ['add', ['b']],
      ['remove', ['a']],
      ['removeMatching'],
      ['removeAll'],
      ['replace', ['c']],
      ['replace', ['d']],
    ]);
  });

  it("takes Okta's pathless replace key by key, ignoring id, and attribute names in any case or with their URN", () => {
    expect(patch({ op: 'replace', value: { id: 'x', displayName: 'Renamed', schemas: [] } })).toEqual({
      displayName: 'Renamed',
      externalId: undefined,
      members: [],
    });
    expect(patch({ OP: 'REPLACE', PATH: `${GROUP_SCHEMA}:DisplayName`, VALUE: 'Upper' }).displayName).toBe('Upper');
    expect(patch({ op: 'remove', path: 'externalId' }).externalId).toBeNull();
  });

  it('refuses what the contract refuses, with its scimType', () => {
    expect(refusal(() => patch({ op: 'copy', path: 'members' }))).toEqual([400, 'invalidSyntax']);
    expect(refusal(() => patch({ op: 'remove' }))).toEqual([400, 'noTarget']);
    expect(refusal(() => patch({ op: 'replace', path: 'meta.lastModified', value: 'x' }))).toEqual([400, 'mutability']);
    expect(refusal(() => patch({ op: 'add', path: 'members[value eq "a"]', value: [] }))).toEqual([400, 'invalidPath']);
    expect(refusal(() => patch({ op: 'add', path: 'owners', value: [] }))).toEqual([400, 'invalidPath']);
    expect(refusal(() => patch({ op: 'add', path: 'members[value eq', value: [] }))).toEqual([400, 'invalidPath']);
    expect(refusal(() => patch({ op: 'add', value: JSON.parse('{"constructor": {"prototype": {"x": 1}}}') }))).toEqual([400, 'invalidPath']);
    expect(refusal(() => patch({ op: 'add', path: 'prototype', value: 1 }))).toEqual([400, 'invalidPath']);
    expect(refusal(() => patch({ op: 'remove', path: 'displayName' }))).toEqual([400, 'invalidValue']);
    expect(refusal(() => patch({ op: 'add', path: 'members', value: ['a'] }))).toEqual([400, 'invalidValue']);
  });

  it('needs a displayName in a body, and replaces members only when the body carries them', () => {
    expect(groupFromBody({ displayName: ' Team ', externalId: 'e' })).toEqual({ displayName: 'Team', externalId: 'e', members: [] });
    expect(groupFromBody({ displayName: 'Team', members: [] }).members).toEqual([{ kind: 'replace', ids: [] }]);
    expect(refusal(() => groupFromBody({ displayName: null }))).toEqual([400, 'invalidValue']);
    expect(refusal(() => groupFromBody(JSON.parse('{"displayName": "x", "__proto__": {}}')))).toEqual([400, 'invalidValue']);
  });
});

describe('oneMemberChange', () => {
  const a = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const b = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

  it('finds the one user of an add or a remove in the forms providers send', () => {
    expect(oneMemberChange(patch({ op: 'add', path: 'members', value: [{ value: a.toUpperCase() }] }))).toEqual({ kind: 'add', id: a });
    expect(oneMemberChange(patch({ op: 'add', value: { members: [{ value: a }] } }))).toEqual({ kind: 'add', id: a });
    expect(oneMemberChange(patch({ op: 'Remove', path: 'members', value: [{ value: a }, { value: 'not-a-user' }] }))).toEqual({ kind: 'remove', id: a });
    expect(oneMemberChange(patch({ op: 'remove', path: `members[value eq "${a}"]` }))).toEqual({ kind: 'remove', id: a });
  });

  it('leaves every other request to the change of the whole group', () => {
    const others = [
      patch({ op: 'add', path: 'members', value: [{ value: a }, { value: b }] }),
      patch({ op: 'add', path: 'members', value: [{ value: a }] }, { op: 'remove', path: 'members', value: [{ value: b }] }),
      patch({ op: 'add', path: 'members', value: [{ value: a }] }, { op: 'replace', path: 'displayName', value: 'Team' }),
      patch({ op: 'replace', path: 'members', value: [{ value: a }] }),
      patch({ op: 'remove', path: 'members' }),
      patch({ op: 'remove', path: `members[display eq "ann"]` }),
      patch({ op: 'remove', path: 'externalId' }),
      patch({ op: 'add', path: 'members', value: [{ value: 'not-a-user' }] }),
    ];
    expect(others.map(oneMemberChange)).toEqual(others.map(() => undefined));
  });
});
