import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.setup';
import { bootstrapEmptyDatabase, startupBanner } from './bootstrap';
import { AppLogger } from './common/logging/logger';
import { AppConfig, ConfigError } from './config/app-config';
import { Database } from './database/database';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const logger = new AppLogger(config.logLevel);
  const app = await createApp(config, logger);
  const bootstrap = await bootstrapEmptyDatabase(app.get(Database), config);
  await app.listen(config.port, config.host);
  // PORT=0 asks for any free port: the banner names the one bound.
  const { port } = app.getHttpServer().address() as AddressInfo;
  // The banner goes to the terminal, not the log: a generated token must never reach a log.
  process.stdout.write(startupBanner({ host: config.host, port }, bootstrap) + '\n');
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, not a stack trace.
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : `Start-up failed: ${(error as Error).message}`;
  process.stderr.write(message + '\n');
  process.exit(1);
});
