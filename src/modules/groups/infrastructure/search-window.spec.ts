import { TrigramSample } from './search-window';

/** Users like the benchmark's: every one shares `member-` and `@bench.test`; digits tell them apart. */
const USERS = Array.from({ length: 1000 }, (_, i) => {
  const username = `member-${String(i * 997).padStart(7, '0')}`;
  return [username, `${username}@bench.test`, 'Bench', `Member ${i}`];
});

describe.each(['sqlite', 'postgres'] as const)('TrigramSample on %s', (dialect) => {
  const sample = TrigramSample.of(USERS, 1_000_000, dialect);

  it('looks up the part of a term whose trigrams few users share, not the common ones', () => {
    const window = sample.lookup('member-00001').window;
    expect('member-00001').toContain(window);
    expect(window).not.toMatch(/mem|emb|mbe|ber|er-/);
    expect([...window].length).toBeGreaterThanOrEqual(3);
  });

  it('looks up more than one rare trigram, so that few candidates are checked', () => {
    expect([...sample.lookup('bench.test-9876').window].length).toBeGreaterThan(3);
  });

  it('looks up the whole of a three-letter term', () => {
    expect(sample.lookup('mem').window).toBe('mem');
    expect(sample.lookup('ab@').window).toBe('ab@');
  });

  it('counts letters, not UTF-16 units, and folds the sample to lower case', () => {
    const accented = TrigramSample.of([['ZOË', null, null, '山田太郎']], 1, dialect);
    expect(accented.lookup('山田太').window).toBe('山田太');
    expect('zoëxyz').toContain(accented.lookup('zoëxyz').window);
    expect(accented.lookup('zoëxyz').window).not.toBe('zoë');
  });

  it('prices the lookup of a rare part in few member checks, and of a common term in many', () => {
    // A term every user has finds every user: as many candidates to check as members.
    expect(sample.lookup('member').checks).toBeGreaterThan(900_000);
    expect(TrigramSample.of(USERS, 1_000, dialect).lookup('member').checks).toBeGreaterThan(900);
    expect(sample.lookup('member-00001').checks).toBeLessThan(500);
  });

  it('chooses among the term alone when the sample is empty', () => {
    expect('member-00001').toContain(TrigramSample.of([], 0, dialect).lookup('member-00001').window);
  });
});

describe('a repeated trigram', () => {
  // `000` is rare (2 % of users), `001` common (10 %); three letters tell the users apart.
  const letters = (i: number) => [26 * 26, 26, 1].map((unit) => String.fromCharCode(97 + (Math.floor(i / unit) % 26))).join('');
  const users = Array.from({ length: 1000 }, (_, i) => [i < 20 ? `${letters(i)}-000` : i < 120 ? `${letters(i)}-001` : letters(i)]);

  it('narrows an FTS5 phrase: SQLite looks up `0000` alone', () => {
    expect(TrigramSample.of(users, 1_000_000, 'sqlite').lookup('00001').window).toBe('0000');
  });

  it("narrows nothing in PostgreSQL's GIN lookup, which finds every user with `000` for `0000`: it looks up `001` too", () => {
    const lookup = TrigramSample.of(users, 1_000_000, 'postgres').lookup('00001');
    expect(lookup.window).toContain('001');
    // `0000` would cost its 20 000 candidates, as many member checks.
    expect(lookup.checks).toBeLessThan(10_000);
  });
});
