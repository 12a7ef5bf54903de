/**
 * Lookups of one kind asked for in the same turn of the event loop, answered by one query: under load,
 * the requests that reach the same step together share its round trip to the database. `find` gets the
 * keys in the order they were asked for and answers them in that order; an answer may be a promise of
 * its own, so that a batch answered by several statements fails only the keys of the one that failed.
 */
export class BatchedLookup<K, V> {
  private waiting: { key: K; resolve(value: V | PromiseLike<V>): void; reject(error: unknown): void }[] = [];

  constructor(private readonly find: (keys: readonly K[]) => Promise<readonly (V | PromiseLike<V>)[]>) {}

  get(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(this.findWaiting);
      this.waiting.push({ key, resolve, reject });
    });
  }

  private readonly findWaiting = (): void => {
    const batch = this.waiting;
    this.waiting = [];
    this.find(batch.map(({ key }) => key)).then(
      (values) => batch.forEach(({ resolve }, index) => resolve(values[index])),
      (error: unknown) => batch.forEach(({ reject }) => reject(error)),
    );
  };
}
