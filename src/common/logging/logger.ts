import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../../config/app-config';

/** Paths that could carry a secret; pino replaces them before a line is written. */
const REDACTED = ['authorization', 'token', '*.authorization', '*.token', '*.headers.authorization'];

/**
 * The service's JSON logger (pino), also Nest's logger, so that start-up messages and request lines
 * share one format. It is its own injection token.
 */
export class AppLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LogLevel, destination: pino.DestinationStream = pino.destination({ sync: false })) {
    this.pino = pino(
      { level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
      destination,
    );
  }

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
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
