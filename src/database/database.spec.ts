import { isoTimestamp } from './database';

describe('isoTimestamp', () => {
  it.each([
    ['a stored timestamp', '2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05.678Z'],
    ['a date', new Date('2026-01-02T03:04:05.678Z'), '2026-01-02T03:04:05.678Z'],
    ['a timestamp without milliseconds', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['a timestamp with an offset', '2026-01-02T04:04:05.678+01:00', '2026-01-02T03:04:05.678Z'],
  ])('gives %s as ISO 8601 in UTC', (_case, value, iso) => {
    expect(isoTimestamp(value)).toBe(iso);
  });
});
