import { FilterCompiler, parseFilter } from '../application/scim-filter';
import { ScimError } from '../domain/scim-error';
import { USER_FILTER_SCHEMA } from './sql-scim-user.repository';

const compile = (filter: string, dialect: 'sqlite' | 'postgres' = 'postgres') => FilterCompiler.compile(parseFilter(filter), USER_FILTER_SCHEMA, dialect, 2);
const scimTypeOf = (run: () => unknown) => {
  try {
    run();
    return 'compiled';
  } catch (error) {
    return (error as ScimError).scimType;
  }
};

describe('FilterCompiler', () => {
  it('passes every value as a parameter, numbered from the first one given', () => {
    const hostile = `x' OR 1=1 --`;
    const { sql, params } = compile(`userName eq "${hostile}" or name.givenName sw "a%_\\\\b"`);
    expect(sql).not.toContain(hostile);
    expect(sql).toBe(
      `((u.username IS NOT NULL AND lower(u.username) = lower($2)) OR (u.first_name IS NOT NULL AND lower(u.first_name) LIKE lower($3) ESCAPE '\\'))`,
    );
    expect(params).toEqual([hostile, 'a\\%\\_\\\\\\\\b%']);
  });

  it('compares exact attributes exactly on SQLite, where LIKE ignores case, and orders by code point on PostgreSQL', () => {
    expect(compile('externalId co "Ab"', 'sqlite').sql).toBe('(m.external_id IS NOT NULL AND instr(m.external_id, $2) > 0)');
    expect(compile('userName gt "b"').sql).toContain('lower(u.username) COLLATE "C" > lower($2)');
  });

  it('keeps an id that is not a lower-case UUID away from the uuid column', () => {
    expect(compile('id eq "nope"')).toEqual({ sql: '(1 = 0)', params: [], fixedShape: true });
    expect(compile('id eq "5A6B7C8D-9E0F-4A1B-8C3D-4E5F60718293"').sql).toBe('(1 = 0)');
  });

  it('calls a single attribute test fixed in shape, and a filter with and, or or not unbounded', () => {
    const shapes = [
      'userName eq "a"',
      'emails[type eq "work"]',
      'active pr',
      'userName eq "a" and active eq true',
      'emails[value co "x" or type eq "w"]',
      'not (active pr)',
    ];
    expect(shapes.map((filter) => compile(filter).fixedShape)).toEqual([true, true, true, false, false, false]);
  });

  it('refuses unknown attributes, operators a type cannot take, and filters too long or too deep', () => {
    expect(scimTypeOf(() => compile('password eq "x"'))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile('active gt true'))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile('meta.created eq "yesterday"'))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile('userName eq 5'))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile(`userName eq "${'x'.repeat(4096)}"`))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile(`${'not ('.repeat(70)}active eq true${')'.repeat(70)}`))).toBe('invalidFilter');
    expect(scimTypeOf(() => compile(`${'('.repeat(3000)}active eq true${')'.repeat(3000)}`))).toBe('invalidFilter');
  });
});
