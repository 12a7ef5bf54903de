import { PassThrough } from 'node:stream';
import { AppLogger, logDestination } from './logger';

/** A stream that collects what is written to it; `isTTY` as a terminal's standard output has it. */
function output(isTTY: boolean): PassThrough & { isTTY: boolean; text(): Promise<string> } {
  const chunks: string[] = [];
  const stream = Object.assign(new PassThrough(), { isTTY, text: async () => (await new Promise(setImmediate), chunks.join('')) });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return stream;
}

describe('logDestination', () => {
  it('writes readable lines for a person at a terminal', async () => {
    const terminal = output(true);
    new AppLogger('info', logDestination(terminal)).log('Listening on port 8080', 'Bootstrap');
    const text = await terminal.text();
    expect(text).toMatch(/INFO.*\[Bootstrap\] Listening on port 8080/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('writes JSON lines to standard output for everything else', () => {
    const destination = logDestination(output(false));
    expect(destination).not.toBeInstanceOf(PassThrough);
    expect((destination as unknown as { fd: number }).fd).toBe(1);
  });
});

describe('AppLogger', () => {
  const lines = (sink: PassThrough) =>
    (sink.read() as Buffer | null)
      ?.toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)) ?? [];

  it("logs NestJS's route mapping at start-up as debug, not info", () => {
    const atInfo = new PassThrough();
    new AppLogger('info', atInfo).log('Mapped {/api/v1/groups, GET} route', 'RouterExplorer');
    new AppLogger('info', atInfo).log('GroupsController {/api/v1/groups}:', 'RoutesResolver');
    expect(lines(atInfo)).toEqual([]);

    const atDebug = new PassThrough();
    new AppLogger('debug', atDebug).log('Mapped {/api/v1/groups, GET} route', 'RouterExplorer');
    expect(lines(atDebug)).toMatchObject([{ level: 20, context: 'RouterExplorer', msg: 'Mapped {/api/v1/groups, GET} route' }]);
  });

  it('logs other messages of Nest at info', () => {
    const sink = new PassThrough();
    new AppLogger('info', sink).log('Nest application successfully started', 'NestApplication');
    expect(lines(sink)).toMatchObject([{ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }]);
  });
});
