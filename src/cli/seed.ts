import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { databaseOf } from '../database/database-of';
import { FixtureError, type FixtureSummary, KIND_LABELS, loadFixture } from './fixture-loader';

/** A problem with the command line or the file, told in one line. */
class SeedInputError extends Error {}

/** `npm run seed -- FILE.json`: runs pending migrations, then loads the fixture (docs/contract.md, Fixtures). */
async function main(args: string[]): Promise<void> {
  if (args.length !== 1) throw new SeedInputError('usage: npm run seed -- FILE.json');
  const file = args[0];
  const fixture = readFixture(file);
  const config = AppConfig.fromEnv();
  const dataSource = new DataSource(dataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const summary = await loadFixture(await databaseOf(dataSource, config.database), fixture, { onProgress: print });
    print(summaryText(file, summary));
  } finally {
    await dataSource.destroy();
  }
}

function readFixture(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedInputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function summaryText(file: string, summary: FixtureSummary): string {
  const lines = (Object.keys(KIND_LABELS) as (keyof FixtureSummary)[]).map(
    (kind) => `  ${KIND_LABELS[kind].padEnd(16)} ${summary[kind].inserted} inserted, ${summary[kind].existing} already present`,
  );
  return [`Loaded ${file}:`, ...lines].join('\n');
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

/** One line, no stack trace. Fixture messages name entries and fields, never a token's value. */
function failureLine(error: unknown): string {
  if (error instanceof FixtureError) return `Fixture refused: ${error.message}`;
  if (error instanceof SeedInputError) return error.message;
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  return `Seed failed: ${(error as Error).message}`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(failureLine(error) + '\n');
  process.exitCode = 1;
});
