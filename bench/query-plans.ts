import { createHash, randomUUID } from 'node:crypto';
import {
  ACTOR_SQL,
  COMBINED_LOOKUP_SQL,
  DELETE_SQL,
  GROUP_SQL,
  LIST_FILTERS,
  LIST_SOURCES,
  listStatement,
  listValues,
  SAMPLE_SQL,
  USER_SQL,
} from './baseline-statements';
import { Dataset } from './dataset';

/** Tables this small are read whole by any sensible plan. */
const SMALL_TABLE_ROWS = 1000;
/** Rows read by sequential scans per request above which a table is reported. */
const SCANNED_ROWS_PER_REQUEST = 100;

/**
 * Explains the statements of Remove Group User and of the searches (the baseline's, which do the same
 * lookups as the service) on the loaded data; one warning per full scan of a table that is not small.
 */
export async function fullScanWarnings(dataset: Dataset): Promise<string[]> {
  const [org] = await dataset.database.query<{ org_id: string; user_id: string }>(
    'SELECT m.org_id, gm.user_id FROM group_memberships gm JOIN org_memberships m ON m.user_id = gm.user_id WHERE gm.group_id = $1 LIMIT 1',
    [dataset.groups.remove],
  );
  const username = Dataset.usernameOf(0);
  const tokenHash = createHash('sha256').update(dataset.token, 'utf8').digest('hex');
  const statements: [string, string, unknown[]][] = [
    ['token lookup', ACTOR_SQL, [tokenHash]],
    ['group lookup', GROUP_SQL, [dataset.groups.remove, org.org_id]],
    ['user lookup', USER_SQL, [org.org_id, username]],
    ['membership delete', DELETE_SQL, [dataset.groups.remove, org.user_id]],
  ];
  if (dataset.dialect === 'postgres') statements.push(['combined lookup', COMBINED_LOOKUP_SQL, [tokenHash, dataset.groups.remove, username]]);
  for (const filter of LIST_FILTERS) {
    // Members are checked one by one only in a small search space: a group here, never this organization.
    for (const source of LIST_SOURCES.filter((source) => source === 'index' || filter === 'existingMembers')) {
      const { text, params } = listStatement(dataset.dialect, filter, source);
      const query = { filter, groupId: dataset.groups.list, orgId: org.org_id, term: 'member-00001', window: '00001', checks: 200, limit: 100, offset: 0 };
      statements.push([`search (${filter ?? 'whole organization'}, from the ${source})`, text, listValues(params, query)]);
    }
  }

  const probes = [randomUUID(), randomUUID()];
  statements.push(['trigram sample', SAMPLE_SQL[dataset.dialect], [dataset.dialect === 'sqlite' ? JSON.stringify(probes) : probes]]);

  const warnings: string[] = [];
  for (const [what, sql, params] of statements) {
    for (const table of await scannedTables(dataset, sql, params)) warnings.push(`${what} reads table ${table} in full`);
  }
  return warnings;
}

async function scannedTables(dataset: Dataset, sql: string, params: unknown[]): Promise<string[]> {
  if (dataset.dialect === 'sqlite') {
    const rows = await dataset.database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
    // `SCAN t` (or `SCAN t USING INDEX …`) visits every row; `SEARCH` uses an index to seek.
    // A virtual table's MATCH (`VIRTUAL TABLE INDEX n:M…`) is an index lookup; a CTE, or the sample's probes (p), is no table.
    const tables = rows
      .filter((row) => !/^SCAN \w+ VIRTUAL TABLE INDEX \d+:M/.test(row.detail))
      .map((row) => /^SCAN (\w+)/.exec(row.detail)?.[1])
      .filter((table): table is string => table !== undefined && !['f', 'found', 'p'].includes(table));
    return (await Promise.all(tables.map(async (table) => ((await rowCount(dataset, table)) > SMALL_TABLE_ROWS ? [table] : [])))).flat();
  }
  const [row] = await dataset.database.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const scanned: string[] = [];
  const visit = (node: Record<string, unknown>) => {
    if (node['Node Type'] === 'Seq Scan') scanned.push(node['Relation Name'] as string);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  const plan = row['QUERY PLAN'];
  visit((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
  return (await Promise.all(scanned.map(async (table) => ((await rowCount(dataset, table)) > SMALL_TABLE_ROWS ? [table] : [])))).flat();
}

/** Table names come from the plans, never from input. */
async function rowCount(dataset: Dataset, table: string): Promise<number> {
  const [row] = await dataset.database.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

/**
 * PostgreSQL's own count of rows read by sequential scans, per table: it sees the service's actual
 * statements, whatever they are. An idle backend reports within 10 s: read it after such a pause.
 */
export class SequentialScanCounter {
  private constructor(
    private readonly dataset: Dataset,
    private readonly before: ReadonlyMap<string, { scanned: number; rows: number }>,
  ) {}

  static async start(dataset: Dataset): Promise<SequentialScanCounter | undefined> {
    if (dataset.dialect !== 'postgres') return undefined;
    return new SequentialScanCounter(dataset, await SequentialScanCounter.read(dataset));
  }

  /** Tables read by sequential scan for more than a few rows per request since the start. */
  async warnings(requests: number, what: string): Promise<string[]> {
    const after = await SequentialScanCounter.read(this.dataset);
    const warnings: string[] = [];
    for (const [table, { scanned, rows }] of after) {
      const perRequest = (scanned - (this.before.get(table)?.scanned ?? 0)) / Math.max(requests, 1);
      if (rows > SMALL_TABLE_ROWS && perRequest > SCANNED_ROWS_PER_REQUEST) {
        warnings.push(`${what}: ${Math.round(perRequest)} rows of ${table} read by sequential scan per request`);
      }
    }
    return warnings;
  }

  private static async read(dataset: Dataset): Promise<Map<string, { scanned: number; rows: number }>> {
    const rows = await dataset.database.query<{ relname: string; seq_tup_read: string; n_live_tup: string }>(
      'SELECT relname, seq_tup_read, n_live_tup FROM pg_stat_user_tables',
    );
    return new Map(rows.map((row) => [row.relname, { scanned: Number(row.seq_tup_read), rows: Number(row.n_live_tup) }]));
  }
}
