import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { generateToken, hashToken } from '../modules/identity/token-hash';

export interface BootstrapResult {
  /** The generated token, to print once; undefined when it came from INITIAL_ADMIN_TOKEN. */
  generatedToken?: string;
}

/**
 * On a database with no organization: organization `default`, user `admin` (org role `admin`) and the
 * admin token, in one transaction. Returns undefined when the database already had an organization.
 */
export async function bootstrapEmptyDatabase(database: Database, config: AppConfig): Promise<BootstrapResult | undefined> {
  return database.transaction(async (tx) => {
    const [existing] = await tx.query('SELECT id FROM organizations LIMIT 1');
    if (existing) return undefined;
    const now = new Date().toISOString();
    const orgId = randomUUID();
    const userId = randomUUID();
    const token = config.initialAdminToken ?? generateToken();
    await tx.execute('INSERT INTO organizations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [orgId, 'default', 'Default organization', now]);
    await tx.execute('INSERT INTO users (id, username, email, first_name, last_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [userId, 'admin', null, 'Admin', null, now]);
    await tx.execute('INSERT INTO org_memberships (id, org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), orgId, userId, 'admin', now]);
    await tx.execute('INSERT INTO access_tokens (id, org_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [randomUUID(), orgId, userId, 'bootstrap', hashToken(token), now]);
    return { generatedToken: config.initialAdminToken ? undefined : token };
  });
}

/** The start-up banner: where the docs are and one request to paste, at the address actually bound. */
export function startupBanner(listening: { host: string; port: number }, bootstrap: BootstrapResult | undefined): string {
  const base = `http://${listening.host === '0.0.0.0' || listening.host === '::' ? 'localhost' : listening.host}:${listening.port}`;
  const lines = [`Groups API listening on ${base}`, `Swagger UI: ${base}/api/docs`];
  if (bootstrap) {
    const token = bootstrap.generatedToken ?? '$INITIAL_ADMIN_TOKEN';
    if (bootstrap.generatedToken) lines.push(`Admin token (shown once, keep it): ${bootstrap.generatedToken}`);
    lines.push(`Try: curl -H "Authorization: Bearer ${token}" ${base}/api/v1/groups`);
  } else {
    lines.push(`Try: curl -H "Authorization: Bearer <your token>" ${base}/api/v1/groups`);
  }
  return lines.join('\n');
}
