import type { Database } from '../database/database';
import { type FixtureSummary, planFixture } from './fixtures/fixture-planner';
import { FixtureError, validateFixture } from './fixtures/fixture-validation';
import { FixtureWriter } from './fixtures/fixture-writer';

export type { FixtureSummary, KindCount } from './fixtures/fixture-planner';
export { FixtureError } from './fixtures/fixture-validation';
export { KIND_LABELS } from './fixtures/fixture-writer';

export interface LoadFixtureOptions {
  /** Receives a progress line now and then on long loads. */
  onProgress?: (line: string) => void;
}

/**
 * Loads a fixture: the whole file is validated (`fixtures/fixture.dto.ts`), then, in one transaction,
 * its references are resolved and the rows already there found (the planner), and the missing rows
 * inserted in bulk (the writer), each table's while the planner goes on with the next. Rows already
 * there, matched by their natural key, are left as they are, so loading the same file twice changes
 * nothing; a refused file writes nothing. A refusal of the planner is told before a failed write, as
 * when nothing was written before the plan was whole.
 */
export async function loadFixture(database: Database, fixture: unknown, options: LoadFixtureOptions = {}): Promise<FixtureSummary> {
  const valid = validateFixture(fixture);
  return database.transaction(async (tx) => {
    const writer = new FixtureWriter(tx, database.dialect, options.onProgress ?? (() => undefined));
    try {
      const summary = await planFixture(tx, database, valid, (insert) => writer.write(insert));
      await writer.finished();
      return summary;
    } catch (error) {
      // Nothing may run after the rollback; a failed write makes the planner's next lookup fail too, on PostgreSQL.
      const writeFailure = await writer.stop();
      throw error instanceof FixtureError || writeFailure === undefined ? error : writeFailure;
    }
  });
}
