/*
 * The build's dist/main.js (bundled by scripts/bundle-service.mjs into CommonJS): runs the bundled
 * service, dist/service.js, from V8's code cache of it when there is one. Compiling the bundle's
 * functions was a third of what start-up still cost; with the cache, V8 reads them compiled.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'service.js');
/**
 * The cache is named after the bundle's content (BUNDLE_HASH, set at build time): V8 checks a cache
 * against the length of its source only.
 */
const cache = join(__dirname, `service.${BUNDLE_HASH}.cache`);
const cachedData = readCache();
// The bundle runs as Node runs a CommonJS module: in a function of these five parameters.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
const script = new Script(source, { filename: bundle, cachedData });

// What a cache holds is what had been compiled when it was made: it is made at exit, so it covers start-up.
if (cachedData === undefined || script.cachedDataRejected) process.once('exit', writeCache);

const serviceModule = { exports: {} };
script.runInThisContext().call(serviceModule.exports, serviceModule.exports, createRequire(bundle), serviceModule, bundle, __dirname);

function readCache() {
  try {
    return readFileSync(cache);
  } catch {
    return undefined;
  }
}

/** Best effort: where dist/ is read-only, every start compiles, as without a cache. */
function writeCache() {
  const partial = `${cache}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    // Whole or not at all, should another instance write it at the same time or this one be killed.
    renameSync(partial, cache);
  } catch {
    // Nothing to do: the next start tries again.
  }
}
