import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = process.cwd();

/**
 * Builds the service as `npm run build` does, with `nest build` (so with the Swagger CLI plugin and the
 * bundled fixtures) then the bundle of its entry point, into `<dir>/dist`, and lays `dir` out as a
 * deployment: dist/, package.json and node_modules. The project's own dist/ is left alone: the build's
 * configuration files are private copies that only move the output.
 */
export async function buildService(dir: string): Promise<void> {
  const outDir = join(dir, 'dist');
  const tsconfig = join(dir, 'tsconfig.json');
  const nestCli = join(dir, 'nest-cli.json');
  await mkdir(dir, { recursive: true });
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: resolve(root, 'tsconfig.build.json'),
      compilerOptions: {
        // Paths in a tsconfig are relative to its own folder: everything here is absolute.
        rootDir: resolve(root, 'src'),
        outDir,
        tsBuildInfoFile: join(dir, 'build.tsbuildinfo'),
        typeRoots: [resolve(root, 'node_modules/@types')],
        // Emit only: type errors are the build's and the linter's to report, not a test's.
        noCheck: true,
      },
      include: [resolve(root, 'src')],
      exclude: [resolve(root, 'src/**/*.spec.ts')],
    }),
  );
  const config = JSON.parse(await readFile(resolve(root, 'nest-cli.json'), 'utf8'));
  config.compilerOptions.tsConfigPath = relative(root, tsconfig);
  config.compilerOptions.allowOutsidePaths = true;
  config.compilerOptions.assets = (config.compilerOptions.assets ?? []).map((asset: object) => ({ ...asset, outDir }));
  await writeFile(nestCli, JSON.stringify(config));
  // The CLI resolves both paths against the working directory.
  const nest = resolve(root, 'node_modules/@nestjs/cli/bin/nest.js');
  await promisify(execFile)(process.execPath, [nest, 'build', '--config', relative(root, nestCli), '--path', relative(root, tsconfig)], { cwd: root });
  await symlink(resolve(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await symlink(resolve(root, 'package.json'), join(dir, 'package.json'));
  await promisify(execFile)(process.execPath, [resolve(root, 'scripts/bundle-service.mjs'), outDir], { cwd: root });
}
