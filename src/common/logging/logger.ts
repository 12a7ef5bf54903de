import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../../config/app-config';

/** Paths that could carry a secret; pino replaces them before a line is written. */
const REDACTED = ['authorization', 'token', '*.authorization', '*.token', '*.headers.authorization'];

/** Nest's start-up chatter, one line per module and per route: useful when debugging, noise otherwise. */
const DEBUG_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Where log lines go: readable lines for a person when standard output is a terminal, JSON lines for
 * everything else (a file, a pipe, a log collector).
 */
export function logDestination(stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): pino.DestinationStream {
  if (!stdout.isTTY) return pino.destination({ sync: false });
  return pretty({
    destination: stdout,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: '{if context}[{context}] {end}{msg}',
    ignore: 'context',
  });
}

/**
 * The service's logger (pino), also Nest's logger, so that start-up messages and request lines
 * share one format. It is its own injection token.
 */
export class AppLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LogLevel, destination: pino.DestinationStream = logDestination()) {
    this.pino = pino({ level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  }

  log(message: unknown, context?: string) {
    if (context !== undefined && DEBUG_CONTEXTS.has(context)) this.pino.debug({ context }, String(message));
    else this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
