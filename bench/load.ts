import autocannon from 'autocannon';

/** One HTTP request of a scenario; autocannon writes it on a connection of its own. */
export interface PlannedRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly token: string;
  /** A SCIM body, sent as `application/scim+json`. */
  readonly scimBody?: string;
}

/**
 * What each connection sends, one request after another: `next()` is asked for every request, so a
 * connection's requests never overlap (a remove is answered before the add of the same user is sent).
 */
export type ConnectionPlan = () => { next(): PlannedRequest };

export interface LoadOptions {
  readonly port: number;
  readonly connections: number;
  /** Run for this long… */
  readonly durationSeconds?: number;
  /** …or until this many requests were answered. */
  readonly amount?: number;
  readonly plan: ConnectionPlan;
}

export interface LoadResult {
  readonly seconds: number;
  /** Response times in ms, full resolution (autocannon's own histogram keeps whole milliseconds). */
  readonly latencies: number[];
  readonly statuses: ReadonlyMap<number, number>;
  /** Connection errors and timeouts. */
  readonly errors: number;
}

export async function runLoad(load: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${load.port}`,
    connections: load.connections,
    // autocannon refuses an explicit `duration: undefined`.
    ...(load.amount === undefined ? { duration: load.durationSeconds } : { amount: load.amount }),
    // Requests are set per connection: autocannon shares a `requests` array between connections.
    setupClient: (client) => {
      const connection = load.plan();
      const setupRequest = () => {
        const planned = connection.next();
        const headers: Record<string, string> = { authorization: `Bearer ${planned.token}` };
        if (planned.scimBody === undefined) return { method: planned.method, path: planned.path, headers };
        return { method: planned.method, path: planned.path, headers: { ...headers, 'content-type': 'application/scim+json' }, body: planned.scimBody };
      };
      client.setRequests([{ setupRequest }]);
    },
  };
  // From the first request sent to the last answer: autocannon's own `duration` only ends on a whole
  // second, so a run bounded by `amount` would look slower than it was.
  let firstSent = Infinity;
  let lastAnswered = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const now = performance.now();
      firstSent = Math.min(firstSent, now - responseTime);
      lastAnswered = now;
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  return { seconds: latencies.length > 0 ? (lastAnswered - firstSent) / 1000 : 0, latencies, statuses, errors: result.errors };
}

/** Counts and percentiles of one or more runs of the same server and scenario. */
export class LoadSummary {
  readonly requests: number;
  readonly seconds: number;
  readonly errors: number;
  readonly statuses: ReadonlyMap<number, number>;
  private readonly sorted: Float64Array;

  constructor(results: readonly LoadResult[]) {
    this.seconds = results.reduce((sum, r) => sum + r.seconds, 0);
    this.errors = results.reduce((sum, r) => sum + r.errors, 0);
    const statuses = new Map<number, number>();
    for (const result of results) for (const [status, count] of result.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
    this.statuses = statuses;
    this.sorted = Float64Array.from(results.flatMap((r) => r.latencies)).sort();
    this.requests = this.sorted.length;
  }

  get perSecond(): number {
    return this.seconds > 0 ? this.requests / this.seconds : 0;
  }

  percentile(p: number): number {
    if (this.sorted.length === 0) return NaN;
    return this.sorted[Math.min(this.sorted.length - 1, Math.ceil((p / 100) * this.sorted.length) - 1)];
  }

  /** Share of answers with this status. */
  share(status: number): number {
    return this.requests > 0 ? (this.statuses.get(status) ?? 0) / this.requests : 0;
  }

  get non2xxShare(): number {
    let ok = 0;
    for (const [status, count] of this.statuses) if (status >= 200 && status < 300) ok += count;
    return this.requests > 0 ? 1 - ok / this.requests : 0;
  }
}
