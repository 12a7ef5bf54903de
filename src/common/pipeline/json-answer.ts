import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';

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

/** Express as Nest drives it, but with the JSON a handler returns written by `writeJson`, as error envelopes are. */
export class JsonAnsweringExpressAdapter extends ExpressAdapter {
  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    if (body === null || typeof body !== 'object' || body instanceof StreamableFile) return super.reply(response, body, statusCode);
    writeJson(response, statusCode ?? response.statusCode, body);
    return undefined;
  }
}
