import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = process.cwd();

/**
 * Builds the service with `nest build` (so with the Swagger CLI plugin and the bundled fixtures) into
 * `<dir>/dist`, and lays `dir` out as a deployment: dist/, package.json and node_modules. The
 * project's own dist/ is left alone: the build's configuration files are private copies that only
 * move the output.
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
}

/** The built service running as `npm start` runs it: `node dist/main.js` in the deployment's folder. */
export class ServiceProcess {
  output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(dir: string, env: Record<string, string>) {
    // A clean environment: nothing of the test runner's (NODE_OPTIONS, TEST_DATABASE_URL) leaks in.
    this.child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((done) => this.child.on('close', done));
  }

  /** Resolves with the base URL that the banner names; rejects when the process exits first. */
  listening(): Promise<string> {
    return new Promise((done, fail) => {
      const check = () => {
        const url = /^Groups API listening on (http:\/\/\S+)$/m.exec(this.output)?.[1];
        if (url) done(url);
      };
      this.child.stdout!.on('data', check);
      void this.exited.then((code) => fail(new Error(`the service exited with ${code}:\n${this.output}`)));
    });
  }

  /** Sends SIGKILL, as a crash would, and resolves with the signal that ended the process. */
  async kill(): Promise<NodeJS.Signals | null> {
    this.child.kill('SIGKILL');
    await this.exited;
    return this.child.signalCode;
  }

  /** Sends SIGTERM (unless it has exited already) and resolves with the exit code. */
  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
