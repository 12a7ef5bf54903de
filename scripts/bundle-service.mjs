/*
 * Bundles the built service's entry point, dist/main.js, with everything it loads into one file,
 * dist/service.js, and makes dist/main.js the entry that runs it from V8's code cache
 * (scripts/service-entry.mjs). Start-up was three quarters module loading: resolving and reading
 * hundreds of files, and NestJS 12's packages, ES modules, each parsed again for the CommonJS modules
 * they import. One CommonJS file skips all of it. The other files of dist/ stay as `nest build` wrote
 * them (the CLI commands use them).
 *
 * Usage: node scripts/bundle-service.mjs [DIST]   (default: dist)
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');

/**
 * Left to `require` at run time: better-sqlite3 is a native addon that the SQLite worker loads by its
 * path too, and swagger-ui-dist serves the files of its own folder; the others are optional packages of
 * NestJS that the service does not install (NestJS loads them only for microservices, websockets, Fastify).
 */
const EXTERNAL = ['better-sqlite3', 'swagger-ui-dist', '@nestjs/microservices', '@nestjs/websockets', '@fastify/static'];

/**
 * @nestjs/typeorm looks up `Connection` and `AbstractRepository`, which TypeORM 1 no longer has, with a
 * `require` the bundler cannot follow: it would load a second, unbundled TypeORM only to find neither.
 */
const typeormWithoutRemovedClasses = {
  name: 'typeorm-without-removed-classes',
  setup(bundle) {
    bundle.onLoad({ filter: /@nestjs[\\/]typeorm[\\/]dist[\\/]common[\\/]typeorm-compat\.js$/ }, () => ({
      contents: 'export const Connection = undefined;\nexport const AbstractRepository = undefined;\n',
    }));
  },
};

await build({
  entryPoints: [join(dist, 'main.js')],
  outfile: join(dist, 'service.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  // NestJS names providers and Swagger names schemas after their classes: the bundle keeps every name.
  keepNames: true,
  // The ES modules that `createRequire(import.meta.url)` resolve from the bundle's own place.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [typeormWithoutRemovedClasses],
  sourcemap: true,
  // The Swagger CLI plugin's metadata repeats keys that the decorators also give; the last one wins, as in dist/.
  logOverride: { 'duplicate-object-key': 'silent' },
  logLevel: 'warning',
});

// The per-file main.js's map, which no longer matches it.
rmSync(join(dist, 'main.js.map'), { force: true });
const bundle = asciiOnly(readFileSync(join(dist, 'service.js'), 'utf8'));
writeFileSync(join(dist, 'service.js'), bundle);
const bundleHash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
await build({
  entryPoints: [new URL('service-entry.mjs', import.meta.url).pathname],
  outfile: join(dist, 'main.js'),
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { BUNDLE_HASH: JSON.stringify(bundleHash) },
  logLevel: 'warning',
});

/**
 * V8 keeps the bundle's source for as long as the service runs, at two bytes a character as soon as one
 * character is outside Latin-1: 18 MB instead of 9. esbuild escapes strings but leaves regular
 * expressions (validator's locales) and some comments as they are; `\uXXXX` means the same there.
 */
function asciiOnly(source) {
  if (/\\[^\x00-\x7f]/.test(source)) throw new Error('A non-ASCII character after a backslash would change meaning once escaped');
  return source.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
