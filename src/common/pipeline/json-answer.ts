import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';

/**
 * Ends `response` with `body` as JSON, through Node's own API: for an answer built whole in memory,
 * Express's res.json only adds work (a content-type parse, a mime lookup, freshness checks that
 * answers without ETag or Last-Modified never pass, but for `If-None-Match: *`).
 * Node sends no body on a HEAD request, and the Content-Length of the body it would have sent.
 */
export function writeJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(statusCode, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
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
