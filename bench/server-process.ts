import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { ServiceProcess } from '../test/helpers/service-process';

const READY_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 120_000;
const OUTPUT_TAIL_CHARS = 4000;

export interface ServerSpec {
  /** How the tables name it. */
  readonly name: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** A server under test in a child process: started, timed until it serves, measured, stopped. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ServiceProcess,
    /** Milliseconds from spawn to the first answered GET /api/status. */
    private startupMs = 0,
  ) {}

  static async start(spec: ServerSpec): Promise<ServerProcess> {
    const port = await freePort();
    const started = process.hrtime.bigint();
    const child = new ServiceProcess({ args: spec.args, env: { ...process.env, ...spec.env, PORT: String(port) }, outputLimit: OUTPUT_TAIL_CHARS });
    const server = new ServerProcess(spec.name, port, child);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await server.answersStatus())) {
      if (child.exited || Date.now() > deadline) {
        const exited = child.exited;
        await child.stop();
        throw new Error(`${spec.name} did not start (${exited ? 'it exited' : 'timed out'}):\n${child.output}`);
      }
      await sleep(5);
    }
    server.startupMs = Number(process.hrtime.bigint() - started) / 1e6;
    return server;
  }

  get startup(): number {
    return this.startupMs;
  }

  get pid(): number {
    return this.child.pid;
  }

  /** Resident set size in MiB, from /proc (undefined where there is none). */
  rssMiB(): number | undefined {
    if (this.child.exited) return undefined;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Waits until the server has worked off what a finished run left queued (requests whose clients are
   * gone still run): a GET /api/status answered behind them. The service pings its database there, so
   * its answer waits for the connection pool or SQLite's queue.
   */
  async drain(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (!(await this.answersStatus())) {
      this.assertAlive();
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer GET /api/status within ${DRAIN_TIMEOUT_MS} ms after a run`);
      await sleep(100);
    }
  }

  /** Fails with the process's last output if it died under load. */
  assertAlive(): void {
    if (this.child.exited) throw new Error(`${this.name} exited during the benchmark:\n${this.child.output}`);
  }

  async stop(): Promise<void> {
    await this.child.stop();
  }

  private answersStatus(): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = request({ host: '127.0.0.1', port: this.port, path: '/api/status', agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      });
      probe.on('error', () => resolve(false));
      probe.end();
    });
  }
}

/** Samples the RSS of a process while it is under load. */
export class RssSampler {
  private readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly server: ServerProcess,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  /** Stops sampling. */
  stop(): this {
    clearInterval(this.timer);
    this.sample();
    return this;
  }

  /** The highest RSS seen, in MiB. */
  get peak(): number | undefined {
    return this.samples.length > 0 ? Math.max(...this.samples) : undefined;
  }

  /** The median RSS of the second half of the samples, in MiB: the level the process settled at, whatever the GC's timing. */
  get settled(): number | undefined {
    const late = this.samples.slice(Math.floor(this.samples.length / 2)).sort((a, b) => a - b);
    return late.length > 0 ? late[Math.floor(late.length / 2)] : undefined;
  }

  private sample(): void {
    const rss = this.server.rssMiB();
    if (rss !== undefined) this.samples.push(rss);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
