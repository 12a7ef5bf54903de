import { TrigramSample } from './search-window';

/** Users like the benchmark's: every one shares `member-` and `@bench.test`; digits tell them apart. */
const USERS = Array.from({ length: 1000 }, (_, i) => {
  const username = `member-${String(i * 997).padStart(7, '0')}`;
  return [username, `${username}@bench.test`, 'Bench', `Member ${i}`];
});

describe('TrigramSample', () => {
  const sample = TrigramSample.of(USERS);

  it('looks up the part of a term whose trigrams few users share, not the common ones', () => {
    const window = sample.window('member-00001');
    expect('member-00001').toContain(window);
    expect(window).not.toMatch(/mem|emb|mbe|ber|er-/);
    expect([...window].length).toBeGreaterThanOrEqual(3);
  });

  it('looks up more than one rare trigram, so that few candidates are checked', () => {
    expect([...sample.window('bench.test-9876')].length).toBeGreaterThan(3);
  });

  it('looks up the whole of a three-letter term', () => {
    expect(sample.window('mem')).toBe('mem');
    expect(sample.window('ab@')).toBe('ab@');
  });

  it('counts letters, not UTF-16 units, and folds the sample to lower case', () => {
    const accented = TrigramSample.of([['ZOË', null, null, '山田太郎']]);
    expect(accented.window('山田太')).toBe('山田太');
    expect('zoëxyz').toContain(accented.window('zoëxyz'));
    expect(accented.window('zoëxyz')).not.toBe('zoë');
  });

  it('chooses among the term alone when the sample is empty', () => {
    expect('member-00001').toContain(TrigramSample.of([]).window('member-00001'));
  });
});
