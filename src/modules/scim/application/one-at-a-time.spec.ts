import { OneAtATime } from './one-at-a-time';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OneAtATime', () => {
  it('runs the tasks of one key in order, each after the one before has ended, failed or not', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    const task =
      (name: string, fails = false) =>
      async () => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
        if (fails) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue.run('g', task('a')), queue.run('g', task('b', true)), queue.run('g', task('c'))]);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('runs the tasks of different keys at once, and forgets a key once its tasks have ended', async () => {
    const queue = new OneAtATime();
    const running = new Set<string>();
    let most = 0;
    const task = (key: string) => async () => {
      running.add(key);
      most = Math.max(most, running.size);
      await tick();
      running.delete(key);
    };
    const done = Promise.all(['x', 'y', 'z', 'x'].map((key) => queue.run(key, task(key))));
    expect(queue.keys).toBe(3);
    await done;
    await tick();
    expect(most).toBe(3);
    expect(queue.keys).toBe(0);
  });
});
