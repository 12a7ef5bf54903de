import type { Database } from '../database/database';
import { type FixtureSummary, planFixture } from './fixtures/fixture-planner';
import { validateFixture } from './fixtures/fixture-validation';
import { writePlan } from './fixtures/fixture-writer';

export type { FixtureSummary, KindCount } from './fixtures/fixture-planner';
export { FixtureError } from './fixtures/fixture-validation';
export { KIND_LABELS } from './fixtures/fixture-writer';

export interface LoadFixtureOptions {
  /** Receives a progress line now and then on long loads. */
  onProgress?: (line: string) => void;
}

/**
 * Loads a fixture in three steps: the whole file is validated (`fixtures/fixture.dto.ts`), then, in one
 * transaction, its references are resolved and the rows already there found (the planner), and the
 * missing rows inserted in bulk (the writer). Rows already there, matched by their natural key, are
 * left as they are, so loading the same file twice changes nothing; a refused file writes nothing.
 */
export async function loadFixture(database: Database, fixture: unknown, options: LoadFixtureOptions = {}): Promise<FixtureSummary> {
  const valid = validateFixture(fixture);
  return database.transaction(async (tx) => {
    const plan = await planFixture(tx, database, valid);
    await writePlan(tx, database.dialect, plan, options.onProgress ?? (() => undefined));
    return plan.summary;
  });
}
