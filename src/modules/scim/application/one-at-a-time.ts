/**
 * Runs the tasks of one key one after another, in the order they come; tasks of other keys run
 * meanwhile. SCIM writes to one group go through it: concurrent PATCHes of a group (Entra sends them)
 * would otherwise collide on its version and retry, each round costing every loser a read and a write.
 */
export class OneAtATime {
  /** The last task of each key with tasks under way or waiting; a key leaves once its last task ends. */
  private readonly last = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.last.get(key);
    const result = before ? before.then(task, task) : task();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.last.set(key, settled);
    void settled.then(() => {
      if (this.last.get(key) === settled) this.last.delete(key);
    });
    return result;
  }

  /** How many keys have tasks under way or waiting. */
  get keys(): number {
    return this.last.size;
  }
}
