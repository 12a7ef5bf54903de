import { GROUP_SLUG_PATTERN, randomSlugSuffix, slugFromName, withSuffix } from './group-slug';

const suffix = () => 'k3x9';

describe('slugFromName', () => {
  it.each([
    ['Engineering', 'engineering'],
    ['Platform Team', 'platform-team'],
    ['  R&D -- Europe  ', 'r-d-europe'],
    ['Équipe Qualité', 'equipe-qualite'],
    ['QA', 'qa-k3x9'],
    ['a', 'a-k3x9'],
    ['!!!', 'group-k3x9'],
    ['日本語', 'group-k3x9'],
    ['An extraordinarily long group name that goes on', 'an-extraordinarily-long-group-name-t'],
    ['abcdefghij abcdefghij abcdefghij ab cd', 'abcdefghij-abcdefghij-abcdefghij-ab'],
  ])('%j → %j', (name, slug) => {
    expect(slugFromName(name, suffix)).toBe(slug);
  });

  it('always makes a valid slug of 5 to 36 characters', () => {
    for (const name of ['x', 'QA', '-', 'Ünïcödé', 'y'.repeat(50), 'Group 42', '--a--b--']) {
      const slug = slugFromName(name);
      expect(slug).toMatch(GROUP_SLUG_PATTERN);
      expect(slug.length).toBeGreaterThanOrEqual(5);
      expect(slug.length).toBeLessThanOrEqual(36);
    }
  });
});

describe('withSuffix', () => {
  it('appends the suffix, shortening the slug to stay within 36 characters', () => {
    expect(withSuffix('engineering', 'k3x9')).toBe('engineering-k3x9');
    expect(withSuffix('an-extraordinarily-long-group-name-t', 'k3x9')).toBe('an-extraordinarily-long-group-n-k3x9');
    expect(withSuffix('abcdefghij-abcdefghij-abcdefghi-jk', 'k3x9')).toBe('abcdefghij-abcdefghij-abcdefghi-k3x9');
    expect(withSuffix('a'.repeat(36), 'k3x9')).toHaveLength(36);
  });
});

describe('randomSlugSuffix', () => {
  it('is four lowercase letters or digits', () => {
    expect(randomSlugSuffix()).toMatch(/^[a-z0-9]{4}$/);
  });
});
