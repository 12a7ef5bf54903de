import { randomUUID } from 'node:crypto';
import type { Database, Dialect } from '../../../database/database';

/** Users read for a sample: enough to tell a trigram of one user in a few hundred from a common one. */
const SAMPLED_USERS = 1000;
/** A sample older than this is taken again, while searches go on with the old one. */
const SAMPLE_MAX_AGE_MS = 10 * 60_000;
/**
 * What a candidate the index finds costs, in index entries read: its row is looked up and checked.
 * Measured on 10⁶ users it is about 50 (0.5 µs a candidate, 10 ns an FTS5 entry, 20 ns a GIN one);
 * it is set higher because the estimate of candidates, which takes trigrams as independent, falls
 * short by an order of magnitude for trigrams that go together (`000`, `001` in `00001`).
 */
const CANDIDATE_COST = 200;
/** The longest part of a term looked up, in trigrams. */
const WINDOW_TRIGRAMS = 6;
/**
 * Checking a member (its user read by primary key and matched) costs about as much as reading this
 * many index entries (measured on 10⁶ users: 1.5 µs a member on SQLite, 4 µs on PostgreSQL).
 */
const ENTRIES_PER_CHECK = 200;

/** The part of a term the trigram index looks up, and what reading it costs, in member checks. */
export interface TermLookup {
  readonly window: string;
  readonly checks: number;
}

/**
 * In how many of a sample of users each trigram occurs (in any searched column, lower-cased), so
 * that a search can look up the rarest part of its term. A trigram index's cost is that of its
 * posting lists: a term like `member-00001` reads every user for `mem`, while `00001` alone reads a
 * few thousand entries and finds about as few candidates. Only the cost depends on the sample: any part
 * of the term finds every user that the whole term does, and the search's own condition decides.
 */
export class TrigramSample {
  private constructor(
    private readonly users: number,
    private readonly counts: ReadonlyMap<string, number>,
    /** The users in the database, whose posting lists the index reads. */
    private readonly population: number,
    private readonly dialect: Dialect,
  ) {}

  static of(users: readonly (readonly (string | null)[])[], population: number, dialect: Dialect): TrigramSample {
    const counts = new Map<string, number>();
    for (const columns of users) {
      const trigrams = new Set<string>();
      for (const value of columns) {
        const chars = [...(value ?? '').toLowerCase()];
        for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
      }
      for (const trigram of trigrams) counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
    }
    return new TrigramSample(users.length, counts, population, dialect);
  }

  /**
   * The part of `term` (lower case, 3+ characters) whose lookup reads least: the entries of its
   * trigrams, plus the candidates it finds; and that cost in member checks.
   */
  lookup(term: string): TermLookup {
    const chars = [...term];
    const trigrams = Array.from({ length: Math.max(chars.length - 2, 0) }, (_, i) => chars.slice(i, i + 3).join(''));
    // A trigram the sample lacks counts as half a user: rare, yet not free.
    const share = (trigram: string) => ((this.counts.get(trigram) ?? 0) + 0.5) / (this.users + 1);
    let best = { cost: Infinity, start: 0, end: chars.length - 3 };
    for (let start = 0; start < trigrams.length; start++) {
      let read = 0;
      let found = 1;
      for (let end = start; end < Math.min(trigrams.length, start + WINDOW_TRIGRAMS); end++) {
        // On SQLite each position is one more list to read (FTS5 reads a repeated trigram again), and
        // narrows the phrase's candidates. PostgreSQL's GIN index looks up the window's distinct
        // trigrams: a repeated one is read once and narrows nothing (`0000` finds every user with `000`).
        if (this.dialect === 'sqlite' || !trigrams.slice(start, end).includes(trigrams[end])) {
          read += share(trigrams[end]);
          found *= share(trigrams[end]);
        }
        const cost = read + CANDIDATE_COST * found;
        if (cost < best.cost) best = { cost, start, end };
      }
    }
    return {
      window: chars.slice(best.start, best.end + 3).join(''),
      checks: (this.population * best.cost) / ENTRIES_PER_CHECK,
    };
  }
}

/**
 * The trigram sample of a database's users, taken on first use and again once it is old. A sample
 * is the users that follow random ids, each found on the primary key: a few milliseconds on 10⁶ users.
 */
export class UserTrigramSample {
  private sample: Promise<TrigramSample> | undefined;
  private takenAt = 0;

  constructor(private readonly database: Database) {}

  current(): Promise<TrigramSample> {
    const now = Date.now();
    if (this.sample === undefined || now - this.takenAt > SAMPLE_MAX_AGE_MS) {
      const previous = this.sample;
      this.takenAt = now;
      const taken = this.take();
      // A failed sample is taken again by the next search.
      this.sample = taken.catch((error: unknown) => {
        this.sample = undefined;
        throw error;
      });
      // Searches go on with the old sample while the new one is taken.
      if (previous) return previous;
    }
    return this.sample as Promise<TrigramSample>;
  }

  private async take(): Promise<TrigramSample> {
    const postgres = this.database.dialect === 'postgres';
    const probes = this.database.listsTable('p', [['id', 'uuid']], 1);
    const next = postgres
      ? `CROSS JOIN LATERAL (SELECT x.username, x.email, x.first_name, x.last_name FROM users x WHERE x.id >= p.id ORDER BY x.id LIMIT 1) u`
      : `CROSS JOIN users u ON u.id = (SELECT x.id FROM users x WHERE x.id >= p.id ORDER BY x.id LIMIT 1)`;
    // The planner's estimate on PostgreSQL (none until the table is first analyzed: the index, then); the last rowid on SQLite.
    const population = postgres ? `(SELECT greatest(c.reltuples, 0) FROM pg_class c WHERE c.oid = 'users'::regclass)` : '(SELECT max(rowid) FROM users)';
    const rows = await this.database.query<{
      population: number | string;
      username: string;
      email: string | null;
      first_name: string | null;
      last_name: string | null;
    }>(`SELECT ${population} AS population, u.username, u.email, u.first_name, u.last_name FROM ${probes} ${next}`, [
      Array.from({ length: SAMPLED_USERS }, () => randomUUID()),
    ]);
    return TrigramSample.of(
      rows.map((row) => [row.username, row.email, row.first_name, row.last_name]),
      rows.length === 0 ? 0 : Number(rows[0].population),
      this.database.dialect,
    );
  }
}
