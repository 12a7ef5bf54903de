import { ScimError } from '../domain/scim-error';
import { patchOperations } from './scim-patch';
import { USER_SCHEMA } from './scim-schemas';
import { patchUser, type UserDraft, userFromBody } from './scim-user-changes';

const ann: UserDraft = { userName: 'ann@example.test', givenName: 'Ann', familyName: 'Lee', email: 'ann@example.test', externalId: 'x1', active: true };
const patch = (...Operations: object[]) => patchUser(ann, patchOperations({ Operations }, USER_SCHEMA));

describe('patchUser', () => {
  it("applies Entra's operations: filtered email value, sub-attributes, string booleans, the enterprise extension ignored", () => {
    expect(
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.test' },
        { op: 'Replace', path: 'name.familyName', value: 'Li' },
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Sales' },
        { op: 'Replace', path: 'displayName', value: 'ignored' },
        { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
        { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      ),
    ).toEqual({ ...ann, email: 'new@example.test', familyName: 'Li', active: false });
  });

  it("applies Okta's and others' pathless operations key by key", () => {
    expect(patch({ op: 'replace', value: { active: false } }).active).toBe(false);
    expect(patch({ op: 'add', value: { 'name.givenName': 'Anna', externalId: 'x2' } })).toMatchObject({ givenName: 'Anna', externalId: 'x2' });
    expect(patch({ op: 'replace', value: { [USER_SCHEMA]: { userName: 'anna@example.test' } } }).userName).toBe('anna@example.test');
  });

  it('clears what remove names, but never userName', () => {
    expect(patch({ op: 'remove', path: 'name' }, { op: 'remove', path: 'emails' }, { op: 'remove', path: 'externalId' })).toEqual({
      ...ann,
      givenName: null,
      familyName: null,
      email: null,
      externalId: null,
    });
    expect(() => patch({ op: 'remove', path: 'userName' })).toThrow(ScimError);
    expect(() => patch({ op: 'replace', path: 'active', value: 'maybe' })).toThrow(ScimError);
  });

  it('takes the primary email of a list, else the first, and keeps what a PUT body omits', () => {
    const user = userFromBody({ userName: 'bob', emails: [{ value: 'one@x.test' }, { value: 'two@x.test', primary: true }] });
    expect(user).toEqual({ userName: 'bob', givenName: null, familyName: null, email: 'two@x.test', externalId: null, active: true });
    expect(userFromBody({ userName: 'ann@example.test', active: 'false' }, ann)).toEqual({ ...ann, active: false });
    expect(userFromBody({ userName: 'ann@example.test', name: { givenName: 'A' }, emails: [] }, ann)).toEqual({
      ...ann,
      givenName: 'A',
      familyName: null,
      email: null,
    });
  });
});
