import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as HttpServer, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { AppLogger } from '../logging/logger';

/** How long requests under way get to finish once shutdown begins; then their connections are cut. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * How long an idle keep-alive connection stays open once shutdown begins. A busy client may have
 * written its next request on it already; that request arrives within this time and is answered.
 */
const IDLE_GRACE_MS = 1_000;

/** The answer a connection is writing, if any (Node's own bookkeeping, stable since its first versions). */
const answerOn = (socket: Socket) => (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;

/**
 * On SIGTERM (Nest's shutdown hooks, then `process.exit(0)`): stop accepting connections, answer the
 * requests under way and those already sent on open connections — each answer then closes its
 * connection, so keep-alive clients do not hold the process — and only then does Nest close the
 * database pool. Bounded by DRAIN_TIMEOUT_MS.
 */
@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly connections = new Set<Socket>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    // Counted per connection, not per request: the hot path does not see it.
    this.server().on('connection', (socket: Socket) => {
      this.connections.add(socket);
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server();
    if (!server.listening) return;
    // Stop listening at once. (http.Server#close would also end the idle keep-alive connections now,
    // under the request a busy client may be sending on one of them.)
    NetServer.prototype.close.call(server);
    const cut = setTimeout(() => {
      this.logger.pino.warn({ connections: this.connections.size, timeoutMs: DRAIN_TIMEOUT_MS }, 'shutdown: cutting the connections still open');
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS);
    server.once('close', () => clearTimeout(cut));
    server.prependListener('request', (_request, response: ServerResponse) => response.setHeader('Connection', 'close'));
    let inFlight = 0;
    for (const socket of this.connections) {
      const answer = answerOn(socket);
      if (!answer) continue;
      inFlight += 1;
      if (!answer.headersSent) answer.setHeader('Connection', 'close');
    }
    this.logger.pino.info({ inFlight, connections: this.connections.size }, 'shutting down: finishing the requests under way');
    await this.allClosed(IDLE_GRACE_MS);
    // Nest closes the server next and waits for the connections still answering.
    server.closeIdleConnections();
  }

  /** Resolves when every connection has closed, or after `ms`. */
  private allClosed(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(done, ms);
      const check = () => {
        if (this.connections.size > 0) return;
        clearTimeout(timer);
        done();
      };
      for (const socket of this.connections) socket.once('close', check);
      check();
    });
  }

  private server(): HttpServer {
    return this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
  }
}
