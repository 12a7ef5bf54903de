import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildService } from './helpers/built-service';
import { ServiceProcess } from './helpers/service-process';
import { createPostgresDatabase, DATABASE_KINDS } from './helpers/test-app';

let deployment: string;

beforeAll(async () => {
  deployment = await mkdtemp(join(tmpdir(), 'groups-shutdown-'));
  await buildService(deployment);
}, 120_000);

afterAll(() => rm(deployment, { recursive: true, force: true }));

const TOKEN = 'shutdown-test-admin-token-0123456789';
const BURST = 400;
/** Keep-alive connections, all opened and used once before the burst, as a load balancer holds them. */
const CONNECTIONS = 100;
/** SIGTERM once this many answers of the burst are back: the burst is then well under way. */
const SIGTERM_AFTER = 60;

/**
 * What became of a request. `cut`: it went out on a connection the service had accepted (it had
 * already answered on it) and got no answer — what must never happen. `refused`: on a new
 * connection, refused, or reset while still in the kernel's queue, before the service accepted it.
 */
type Outcome = { kind: 'answered'; status: number } | { kind: 'refused'; code: string } | { kind: 'cut'; code: string };

/** Requests written out and not answered yet: the client's side of "in flight". */
let unanswered = 0;

function send(port: number, agent: Agent, path: string): Promise<Outcome> {
  return new Promise((done) => {
    let written = false;
    const settle = (outcome: Outcome) => {
      if (written) unanswered -= 1;
      written = false;
      done(outcome);
    };
    const call = httpRequest({ port, host: '127.0.0.1', path, method: 'DELETE', agent, headers: { Authorization: `Bearer ${TOKEN}` } }, (response) => {
      response.resume();
      response.on('end', () => settle({ kind: 'answered', status: response.statusCode ?? 0 }));
      response.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'cut', code: error.code ?? error.message }));
    });
    call.on('finish', () => {
      written = true;
      unanswered += 1;
    });
    call.on('error', (error: NodeJS.ErrnoException) => settle({ kind: call.reusedSocket ? 'cut' : 'refused', code: error.code ?? error.message }));
    call.end();
  });
}

describe.each(DATABASE_KINDS)('SIGTERM during a burst, on %s', (kind) => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(() => drop?.());

  it('answers every request it accepted, refuses the rest at the door, closes idle keep-alive connections and exits 0', async () => {
    let databaseUrl = `sqlite:${join(deployment, `shutdown-${kind}.sqlite`)}`;
    if (kind === 'postgres') {
      const database = await createPostgresDatabase();
      databaseUrl = database.url;
      drop = database.drop;
    }
    const service = ServiceProcess.deployment(deployment, {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      INITIAL_ADMIN_TOKEN: TOKEN,
      RATE_LIMIT_READ_PER_MINUTE: '0',
      RATE_LIMIT_WRITE_PER_MINUTE: '0',
    });
    const port = Number(new URL(await service.listening()).port);

    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    // A request that goes through the guard, the validation and a lookup, then answers 404.
    const path = '/api/v1/groups/00000000-0000-4000-8000-000000000000/users/nobody';
    const warmUp = await Promise.all(Array.from({ length: CONNECTIONS }, () => send(port, agent, path)));
    expect(warmUp.every((outcome) => outcome.kind === 'answered')).toBe(true);
    // And a keep-alive connection that stays idle through the shutdown: it must not hold the process.
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await send(port, idle, path)).toEqual({ kind: 'answered', status: 404 });

    let answeredBeforeSignal = 0;
    let signalledAt = 0;
    let inFlightAtSignal = 0;
    let exitCode: Promise<number | null> | undefined;
    const outcomes = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const outcome = await send(port, agent, path);
        if (outcome.kind === 'answered' && !signalledAt && ++answeredBeforeSignal === SIGTERM_AFTER) {
          signalledAt = Date.now();
          inFlightAtSignal = unanswered;
          exitCode = service.stop();
        }
        return outcome;
      }),
    );
    const code = await (exitCode ?? service.stop());
    const shutdownMs = Date.now() - signalledAt;
    const output = service.output;
    agent.destroy();
    idle.destroy();

    const answered = outcomes.filter((outcome) => outcome.kind === 'answered');
    const refused = outcomes.filter((outcome) => outcome.kind === 'refused');
    const cut = outcomes.filter((outcome) => outcome.kind === 'cut');
    const [, inService, connections] = /"inFlight":(\d+),"connections":(\d+),"msg":"shutting down/.exec(output) ?? [];
    console.log(
      `SIGTERM during a burst of ${BURST} requests on ${CONNECTIONS} keep-alive connections (${kind}): ${inFlightAtSignal} sent and unanswered at SIGTERM ` +
        `(${inService} being answered in the service, on ${connections} open connections); ${answered.length - SIGTERM_AFTER} answered after SIGTERM, ` +
        `${refused.length} refused before being accepted (${refused.filter((outcome) => outcome.code === 'ECONNREFUSED').length} ECONNREFUSED), ` +
        `${cut.length} lost; exit code ${code} ${shutdownMs} ms after SIGTERM`,
    );

    expect(cut).toEqual([]);
    expect(code).toBe(0);
    expect(answered.every((outcome) => outcome.kind === 'answered' && outcome.status === 404)).toBe(true);
    // Requests were on their way when the signal came, and every one of them was answered.
    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThanOrEqual(SIGTERM_AFTER + inFlightAtSignal);
    // Idle keep-alive connections did not hold the process until their timeout, nor until the drain's.
    expect(shutdownMs).toBeLessThan(4000);
    expect(output).not.toMatch(/cutting the connections still open/);
  }, 60_000);
});
