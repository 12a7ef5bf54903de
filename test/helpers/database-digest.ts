import { createHash } from 'node:crypto';
import type { TestApp } from './test-app';

const TABLES = [
  'organizations',
  'users',
  'roles',
  'org_memberships',
  'groups',
  'group_memberships',
  'access_tokens',
  'audit_logs',
  'identities',
  'identity_universal_auths',
  'identity_client_secrets',
  'identity_access_tokens',
  'identity_group_memberships',
] as const;
export type Table = (typeof TABLES)[number];

/**
 * A digest of every row of every table, or of the rows a `WHERE` clause per table selects: equal
 * digests, unchanged data. A token's `last_used_at` is bookkeeping of successful authentications,
 * written off the request's path, and an identity token's `num_uses` counts every request that
 * presents it, refused or not: neither is state a refusal could change.
 */
export async function databaseDigest(t: TestApp, where: Partial<Record<Table, string>> = {}): Promise<string> {
  const hash = createHash('sha1');
  for (const table of TABLES) {
    const rows = await t.database.query<Record<string, unknown>>(`SELECT * FROM ${table} ${where[table] ?? ''} ORDER BY id`);
    for (const { last_used_at: _lastUsed, ...row } of rows) {
      if (table === 'identity_access_tokens') delete row.num_uses;
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}
