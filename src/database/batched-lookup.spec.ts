import { BatchedLookup } from './batched-lookup';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLookup', () => {
  it('finds the keys asked for in one turn with one call, in their order, and answers each its own', async () => {
    const calls: (readonly number[])[] = [];
    const squares = new BatchedLookup(async (keys: readonly number[]) => {
      calls.push(keys);
      return keys.map((key) => key * key);
    });
    const first = [squares.get(3), squares.get(1), squares.get(2)];
    await nextTurn();
    const second = squares.get(4);
    expect(await Promise.all(first)).toEqual([9, 1, 4]);
    expect(await second).toBe(16);
    expect(calls).toEqual([[3, 1, 2], [4]]);
  });

  it('fails every lookup of a failed call, and only those', async () => {
    let failing = true;
    const lookup = new BatchedLookup(async (keys: readonly string[]) => {
      if (failing) throw new Error('database gone');
      return keys;
    });
    const failed = [lookup.get('a'), lookup.get('b')];
    for (const result of failed) await expect(result).rejects.toThrow('database gone');
    failing = false;
    expect(await lookup.get('c')).toBe('c');
  });

  it('fails only the keys whose own answer failed when a call answers with promises', async () => {
    const lookup = new BatchedLookup(async (keys: readonly string[]) =>
      keys.map((key) => (key.startsWith('bad') ? Promise.reject(new Error(`no ${key}`)) : Promise.resolve(key.toUpperCase()))),
    );
    const [good, bad] = [lookup.get('good'), lookup.get('bad')];
    expect(await good).toBe('GOOD');
    await expect(bad).rejects.toThrow('no bad');
  });
});
