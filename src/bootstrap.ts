import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from './config/app-config';
import { Database } from './database/database';
import { generateToken, hashToken } from './modules/identity/token-hash';
import { loadFixture } from './cli/fixture-loader';

export interface BootstrapResult {
  /** The generated token, to print once; undefined when it came from INITIAL_ADMIN_TOKEN. */
  generatedToken?: string;
  /** A group of the demo fixture, for the banner's example; set when the demo was loaded. */
  demoGroupId?: string;
}

/**
 * The bundled demo fixture, relative to the project root where npm runs the service: the sources'
 * copy (ts-node, jest), else the build's (a deployment of dist/ alone).
 */
export const DEMO_FIXTURE_PATHS = ['src/cli/fixtures/demo.json', 'dist/cli/fixtures/demo.json'];

/**
 * On a database with no organization: organization `default`, user `admin` (org role `admin`) and the
 * admin token, in one transaction; then, with SEED_DEMO, the demo fixture. Returns undefined when the
 * database already had an organization.
 */
export async function bootstrapEmptyDatabase(database: Database, config: AppConfig): Promise<BootstrapResult | undefined> {
  const result = await createDefaultOrganization(database, config);
  if (!result || !config.seedDemo) return result;
  const demo = readDemoFixture();
  await loadFixture(database, demo);
  return { ...result, demoGroupId: demo.groups[0].id };
}

function readDemoFixture(): { groups: { id: string }[] } {
  const path = DEMO_FIXTURE_PATHS.map((candidate) => resolve(candidate)).find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`the demo fixture is missing: none of ${DEMO_FIXTURE_PATHS.join(', ')} exists`);
  return JSON.parse(readFileSync(path, 'utf8')) as { groups: { id: string }[] };
}

async function createDefaultOrganization(database: Database, config: AppConfig): Promise<BootstrapResult | undefined> {
  return database.transaction(async (tx) => {
    const [existing] = await tx.query('SELECT id FROM organizations LIMIT 1');
    if (existing) return undefined;
    const now = new Date().toISOString();
    const orgId = randomUUID();
    const userId = randomUUID();
    const token = config.initialAdminToken ?? generateToken();
    await tx.execute('INSERT INTO organizations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [orgId, 'default', 'Default organization', now]);
    await tx.execute('INSERT INTO users (id, username, email, first_name, last_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      userId,
      'admin',
      null,
      'Admin',
      null,
      now,
    ]);
    await tx.execute('INSERT INTO org_memberships (id, org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      orgId,
      userId,
      'admin',
      now,
    ]);
    await tx.execute('INSERT INTO access_tokens (id, org_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      randomUUID(),
      orgId,
      userId,
      'bootstrap',
      hashToken(token),
      now,
    ]);
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
    // With the demo loaded, the example answers with data: the members of a demo group.
    const path = bootstrap.demoGroupId ? `/api/v1/groups/${bootstrap.demoGroupId}/users` : '/api/v1/groups';
    lines.push(`Try: curl -H "Authorization: Bearer ${token}" ${base}${path}`);
  } else {
    lines.push(`Try: curl -H "Authorization: Bearer <your token>" ${base}/api/v1/groups`);
  }
  return lines.join('\n');
}
