import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Ends `response` with `body` as JSON, through Node's own API: for an answer built whole in memory,
 * Express's res.json only adds work (a content-type parse, a mime lookup, freshness checks that
 * answers without ETag or Last-Modified never pass, but for `If-None-Match: *`).
 * Node sends no body on a HEAD request, and the Content-Length of the body it would have sent.
 * `headers` (names and values in turn), for an answer none of whose headers was set before: all go
 * in one `writeHead`, which spares Node's bookkeeping of each header set on its own.
 */
export function writeJson(response: ServerResponse, statusCode: number, body: unknown, headers?: readonly string[]): void {
  const json = JSON.stringify(body);
  const length = Buffer.byteLength(json);
  if (headers === undefined) response.writeHead(statusCode, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': length });
  else response.writeHead(statusCode, [...headers, 'Content-Type', JSON_CONTENT_TYPE, 'Content-Length', String(length)]);
  response.end(json);
}

/**
 * The constructors of the server's requests and responses: Node's, but whose instances have Express's
 * request and response as their prototypes from birth. Express gives each request those prototypes as
 * it arrives (`Object.setPrototypeOf`), and on Node 20 an object whose prototype changes keeps every
 * request's objects alive through young-generation collections: 20 % of what a request allocated was
 * copied and then promoted, which filled the old generation every half second and grew the young one
 * to its largest. Set again to the same prototype, an object does not change. Node's constructors are
 * plain functions, and a plain function's `prototype` may be any object.
 */
function bornExpress(express: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  const nodeRequest = IncomingMessage as unknown as (this: IncomingMessage, socket: Socket) => void;
  const nodeResponse = ServerResponse as unknown as (this: ServerResponse, request: IncomingMessage, options: unknown) => void;
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    nodeRequest.call(this, socket);
  }
  function ExpressResponse(this: ServerResponse, request: IncomingMessage, options: unknown): void {
    nodeResponse.call(this, request, options);
  }
  ExpressRequest.prototype = express.request;
  ExpressResponse.prototype = express.response;
  return { IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage, ServerResponse: ExpressResponse as unknown as typeof ServerResponse };
}

/**
 * Express as Nest drives it, but with the JSON a handler returns written by `writeJson`, as error
 * envelopes are, on a server whose requests and responses are Express's from birth (see `bornExpress`).
 */
export class JsonAnsweringExpressAdapter extends ExpressAdapter {
  /** As Nest creates the server over plain HTTP; the service sets none of Nest's HTTPS and closing options. */
  override initHttpServer(): void {
    const express = this.getInstance<Express>();
    this.httpServer = createServer(bornExpress(express), express);
  }

  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    if (body === null || typeof body !== 'object' || body instanceof StreamableFile) return super.reply(response, body, statusCode);
    writeJson(response, statusCode ?? response.statusCode, body);
    return undefined;
  }
}
