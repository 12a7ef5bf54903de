import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from '../app.setup';
import { buildApiDocument } from '../common/docs/api-docs';
import { AppLogger } from '../common/logging/logger';
import { AppConfig } from '../config/app-config';

/** The committed document; test/openapi-document.e2e-spec.ts fails when the served one differs from it. */
const OPENAPI_DOCUMENT_FILE = 'docs/openapi.json';

/** `npm run docs:openapi`: writes the OpenAPI document the service serves, built on an empty in-memory database. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' });
  const app = await createApp(config, new AppLogger(config.logLevel));
  try {
    // Indented, with a final newline: a change of the API reads as a small diff in review.
    writeFileSync(OPENAPI_DOCUMENT_FILE, JSON.stringify(buildApiDocument(app), null, 2) + '\n');
    process.stdout.write(`wrote ${OPENAPI_DOCUMENT_FILE}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cannot write ${OPENAPI_DOCUMENT_FILE}: ${(error as Error).message}\n`);
  process.exit(1);
});
