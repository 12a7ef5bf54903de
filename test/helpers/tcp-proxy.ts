import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server, for outages in tests. `cut()`: every connection is destroyed and
 * new ones are refused, until `restore()` listens again on the same port. `hang()`: connections stay
 * open and new ones are accepted, but nothing is forwarded either way, until `resume()`.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[client: Socket, upstream: Socket]>();
  private hanging = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const socket of pair) {
        // A cut connection errors on both sides; the proxy itself stays up.
        socket.on('error', () => socket.destroy());
        socket.on('close', () => {
          this.pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        });
      }
      if (!this.hanging) this.forward(pair);
    });
  }

  listen(): Promise<void> {
    return new Promise((done) =>
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = (this.server.address() as { port: number }).port;
        done();
      }),
    );
  }

  cut(): void {
    this.server.close();
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
  }

  restore(): Promise<void> {
    return this.listen();
  }

  hang(): void {
    this.hanging = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  resume(): void {
    this.hanging = false;
    for (const pair of this.pairs) this.forward(pair);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((done) => setTimeout(done, 10));
  }

  private forward([client, upstream]: [Socket, Socket]): void {
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
