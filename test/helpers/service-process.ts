import { type ChildProcess, spawn } from 'node:child_process';

/** How long a process may take to exit after SIGTERM before it is killed: the service itself cuts what is left after 10 s. */
const STOP_TIMEOUT_MS = 15_000;

export interface ProcessSpec {
  /** Node's arguments: its flags, then the script. */
  readonly args: readonly string[];
  /** The whole environment of the process: nothing of the runner's (NODE_OPTIONS, TEST_DATABASE_URL) is passed unless given. */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Keep only the latest this many characters of each output stream, for processes that run long. */
  readonly outputLimit?: number;
}

/**
 * A server in a child process of Node: its output kept, its exit awaited, stopped with SIGTERM. The
 * tests run the built service with it (`ServiceProcess.deployment`), the benchmark every server it
 * measures.
 */
export class ServiceProcess {
  stdout = '';
  stderr = '';
  /** The exit code, once the process has exited (null when a signal ended it). */
  readonly exitCode: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(spec: ProcessSpec) {
    this.child = spawn(process.execPath, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (text: string, chunk: Buffer) => {
      const kept = text + chunk.toString('utf8');
      return spec.outputLimit === undefined ? kept : kept.slice(-spec.outputLimit);
    };
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout = keep(this.stdout, chunk)));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = keep(this.stderr, chunk)));
    this.exitCode = new Promise((done) => this.child.on('close', (code) => done(code)));
  }

  /** The service built by `buildService` into `dir`, as `npm start` runs it: `node dist/main.js` there, with only PATH and `env`. */
  static deployment(dir: string, env: Record<string, string>): ServiceProcess {
    return new ServiceProcess({ args: ['dist/main.js'], cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Everything the process wrote, standard output first. */
  get output(): string {
    return this.stdout + this.stderr;
  }

  /** The start-up banner's lines: what the service writes on standard output that is not a JSON log line. */
  get banner(): string[] {
    return this.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('{'));
  }

  /** Resolves with the base URL once the service's banner is printed whole; rejects when the process exits first. */
  listening(): Promise<string> {
    return new Promise((done, fail) => {
      const check = () => {
        const url = /^Groups API listening on (http:\/\/\S+)$/m.exec(this.stdout)?.[1];
        // The banner is written at once: its last line means it is all there.
        if (url && /^Try: curl /m.test(this.stdout)) done(url);
      };
      this.child.stdout!.on('data', check);
      check();
      void this.exitCode.then((code) => fail(new Error(`the service exited with ${code}:\n${this.output}`)));
    });
  }

  /** Sends SIGKILL, as a crash would, and resolves with the signal that ended the process. */
  async kill(): Promise<NodeJS.Signals | null> {
    this.child.kill('SIGKILL');
    await this.exitCode;
    return this.child.signalCode;
  }

  /** Sends SIGTERM (unless the process has exited), SIGKILL if it is still there after STOP_TIMEOUT_MS; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (!this.exited) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      return await this.exitCode;
    } finally {
      clearTimeout(timer);
    }
  }
}
