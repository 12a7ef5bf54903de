/**
 * PgBouncer in `pool_mode = transaction`, in front of the PostgreSQL server of TEST_DATABASE_URL, with
 * a fallback entry that reaches every database of that server under its own name. `.ci/run` starts one
 * and sets this.
 */
export const PGBOUNCER_URL = process.env.TEST_PGBOUNCER_URL;

/**
 * Set by `.ci/run` to run the route suites again with every PostgreSQL app of `createTestApp` behind
 * PgBouncer, in DATABASE_POOLER=transaction mode.
 */
export const THROUGH_PGBOUNCER = process.env.TEST_THROUGH_PGBOUNCER === 'true';

/** The address of the same database through PgBouncer. */
export function throughPgBouncer(databaseUrl: string): string {
  if (!PGBOUNCER_URL) throw new Error('TEST_PGBOUNCER_URL is not set');
  const url = new URL(PGBOUNCER_URL);
  url.pathname = new URL(databaseUrl).pathname;
  return url.toString();
}
