import { newRequestId } from './request-id';

describe('newRequestId', () => {
  it('gives `req-` and 14 letters or digits, never the same twice, across many draws of random characters', () => {
    const ids = Array.from({ length: 5000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req-[A-Za-z0-9]{14}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every letter and digit', () => {
    const characters = new Set(Array.from({ length: 2000 }, newRequestId).flatMap((id) => [...id.slice('req-'.length)]));
    expect(characters.size).toBe(62);
  });
});
