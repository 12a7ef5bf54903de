import type { Pool } from 'pg';

/** Why start-up stops when the check below finds a pooler that DATABASE_POOLER does not announce. */
export const POOLER_FOUND_AT_START =
  'DATABASE_URL leads through a transaction-mode pooler (two connections open at once were served by one PostgreSQL process): set DATABASE_POOLER=transaction';

/**
 * Whether the connections of `pool` reach PostgreSQL through a transaction-mode pooler. Two connections,
 * open at once, ask in turn which server process serves them: directly each has its own, and a pooler
 * that reuses the server connection released last (PgBouncer's default) gives the second the first's.
 * A pooler that hands out another one goes unseen here; the first named statement it breaks tells.
 */
export async function transactionPoolerFound(pool: Pool): Promise<boolean> {
  const { Client } = await import('pg');
  const clients = [new Client(pool.options), new Client(pool.options)];
  try {
    for (const client of clients) await client.connect();
    const pids: unknown[] = [];
    for (const client of clients) pids.push((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    return pids[0] === pids[1];
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * A failure to connect, explained when it is a transaction-mode pooler refusing the settings
 * that a direct connection sends as start-up options (PgBouncer: "unsupported startup parameter").
 */
export function explainedConnectionFailure(error: unknown): unknown {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string' || !/unsupported startup parameter/i.test(message)) return error;
  return new Error(`${message}: DATABASE_URL leads through a transaction-mode pooler, which takes no start-up parameters; set DATABASE_POOLER=transaction`, {
    cause: error,
  });
}
