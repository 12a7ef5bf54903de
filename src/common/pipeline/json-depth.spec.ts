import { ValidationFailedError } from '../errors/app-error';
import { MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

const check = (json: string) => () => refuseDeepJson(undefined, undefined, Buffer.from(json));
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('refuseDeepJson', () => {
  it(`accepts bodies up to ${MAX_JSON_DEPTH} levels`, () => {
    expect(check(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(check('{"name": {"a": [1, {"b": 2}]}}')).not.toThrow();
  });

  it('refuses a deeper one with 422', () => {
    expect(check(nested(MAX_JSON_DEPTH + 1))).toThrow(ValidationFailedError);
    expect(check(`{"a":${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`)).toThrow('nested deeper than');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(check(JSON.stringify({ name: '['.repeat(1000) }))).not.toThrow();
    expect(check(JSON.stringify({ name: `\\"${'{'.repeat(1000)}"` }))).not.toThrow();
    expect(check(JSON.stringify({ name: 'ünï😀' + '['.repeat(100) }))).not.toThrow();
  });
});
