import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  readonly headers: Record<string, string>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly body: unknown;
}

export interface RawRequest {
  readonly method: string;
  /** Sent as is: whatever bytes the caller puts here, encoded or not. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
}

/**
 * One request written byte for byte on a connection of its own (`Connection: close`), so that it can
 * carry what Node's HTTP client refuses to send: control characters, malformed headers, odd targets.
 */
export function sendRaw(port: number, request: RawRequest): Promise<RawResponse> {
  const socket = connect(port, '127.0.0.1');
  const answer = answerOn(socket);
  // Written, not ended: a client that half-closes before its answer has aborted its request, to Node.
  socket.write(bytesOf(request));
  return answer;
}

/**
 * Requests that reach `server` at the same moment: each on a connection of its own, all of them
 * accepted by the server before any is written, then all written at once, so that the server reads
 * them in the same turn of its event loop.
 */
export async function sendTogether(server: Server, requests: readonly RawRequest[]): Promise<RawResponse[]> {
  const { port } = server.address() as AddressInfo;
  let accepted = 0;
  const allAccepted = new Promise<void>((resolve) => {
    const count = () => {
      if (++accepted < requests.length) return;
      server.off('connection', count);
      resolve();
    };
    server.on('connection', count);
  });
  const sockets = requests.map(() => connect(port, '127.0.0.1'));
  const answers = sockets.map(answerOn);
  await allAccepted;
  sockets.forEach((socket, index) => socket.write(bytesOf(requests[index])));
  return Promise.all(answers);
}

function bytesOf(request: RawRequest): Buffer {
  const head = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
  if (request.body) head.push(`Content-Length: ${request.body.length}`);
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), request.body ?? Buffer.alloc(0)]);
}

/** What the service answers on `socket`, once it has closed the connection. */
function answerOn(socket: Socket): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The service may answer and close before it has read a large body: what it answered counts.
    socket.on('error', (error: NodeJS.ErrnoException) => (chunks.length > 0 && error.code === 'ECONNRESET' ? undefined : fail(error)));
    socket.on('close', () => {
      try {
        done(parse(Buffer.concat(chunks)));
      } catch (error) {
        fail(error);
      }
    });
    socket.on('end', () => socket.end());
  });
}

function parse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no HTTP answer: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let payload = raw.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') payload = unchunk(payload);
  const text = payload.toString('utf8');
  let body: unknown;
  if (headers['content-type']?.startsWith('application/json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status, headers, text, body };
}

function unchunk(payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', at);
    const size = parseInt(payload.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
