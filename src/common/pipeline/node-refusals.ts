import { type IncomingMessage, type RequestListener, type Server, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import parseurl from 'parseurl';
import type { AppLogger } from '../logging/logger';
import { writeJson } from './json-answer';
import { newRequestId } from './request-id';

interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

/** Node's refusals of a request it cannot parse, as the envelope names them. */
const UNPARSABLE: Record<string, Refusal> = {
  HPE_HEADER_OVERFLOW: { status: 431, error: 'RequestHeaderFieldsTooLarge', message: 'The request line and headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, error: 'RequestTimeout', message: 'The request was not received in time' },
};
const NOT_HTTP: Refusal = { status: 400, error: 'BadRequest', message: 'The request is not valid HTTP' };
const UNKNOWN_EXPECTATION: Refusal = { status: 417, error: 'ExpectationFailed', message: 'Only the expectation 100-continue is supported' };
const NO_PATH: Refusal = { status: 400, error: 'BadRequest', message: 'The request target has no path' };

/** The envelope of a refusal, logged under its reqId like every other answer. */
function envelope({ status, error, message }: Refusal, logger: AppLogger, reason: string) {
  const reqId = newRequestId();
  logger.pino.info({ reqId, statusCode: status, reason }, 'request refused before routing');
  return { reqId, statusCode: status, message, error };
}

function answer(response: ServerResponse, refusal: Refusal, logger: AppLogger, reason: string): void {
  const body = envelope(refusal, logger, reason);
  response.setHeader('X-Request-Id', body.reqId);
  writeJson(response, refusal.status, body);
}

/**
 * Some requests never reach Express's middleware, and Node or Express answer them with a bare status
 * line or an HTML page: one Node cannot parse (a control character in a header, headers over its
 * limit), an `Expect` it does not know, a target whose path Express cannot find (`//a@b`, `http:`).
 * These answer them in the envelope instead, with a reqId that leads to a log line.
 */
export function answerNodeRefusals(server: Server, logger: AppLogger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const answering = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    // Nothing to say to a peer that is gone, nor in the middle of an answer already under way.
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = UNPARSABLE[error.code ?? ''] ?? NOT_HTTP;
    const body = envelope(refusal, logger, error.code ?? 'unparsable');
    const json = JSON.stringify(body);
    const head = [
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(json)}`,
      `X-Request-Id: ${body.reqId}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${json}`);
  });

  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => answer(response, UNKNOWN_EXPECTATION, logger, 'expectation'));

  // Express skips every middleware of a request whose path it cannot parse. It parses each URL once
  // and keeps the result on the request, so asking first costs it nothing.
  const [express] = server.listeners('request') as RequestListener[];
  server.removeListener('request', express);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const pathname = parseurl(request)?.pathname;
    if (pathname === null || pathname === undefined) answer(response, NO_PATH, logger, 'no path');
    else void express(request, response);
  });
}
