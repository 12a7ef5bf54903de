import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUse } from '../../database/postgres/postgres-database';

const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  readonly requests: Counter.Internal;
  readonly duration: Histogram.Internal<string>;
}

/**
 * The service's Prometheus metrics, in a registry of its own (one per app, so that tests can build
 * several). Per request: one Map lookup and two increments; the pool is read only when scraped.
 */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'Answered requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its answer, by method and route template',
    labelNames: ['method', 'route'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  /** The labelled series, found once per method, route and status instead of hashing labels per request. */
  private readonly series = new Map<string, Series>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { requests: this.requests.labels(method, route, String(status)), duration: this.duration.labels(method, route) };
      this.series.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(seconds);
  }

  /** The statements kept prepared, read at each scrape: a steady climb would show texts built per request. */
  watchPreparedStatements(count: () => number): void {
    this.gauge('db_prepared_statements', 'SQL texts the service keeps prepared', count);
  }

  /** PostgreSQL's connection pool, read at each scrape. */
  watchPool(poolUse: () => PoolUse): void {
    this.gauge('db_pool_connections', 'Connections the database pool holds', () => poolUse().total);
    this.gauge('db_pool_idle_connections', 'Connections of the pool waiting for work', () => poolUse().idle);
    this.gauge('db_pool_waiting_queries', 'Queries waiting for a connection of the pool', () => poolUse().waiting);
  }

  private gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
