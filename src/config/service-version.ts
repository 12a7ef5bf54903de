import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The service's version: npm names it when it starts the service, else the package.json it runs from. */
export const SERVICE_VERSION: string = process.env.npm_package_version ?? packageVersion();

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
