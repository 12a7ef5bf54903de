import type { ServerResponse } from 'node:http';

/**
 * Ends `response` with `body` as JSON, through Node's own API: for an answer built whole in memory,
 * Express's res.json only adds work (a content-type parse, a mime lookup, freshness checks).
 * Node sends no body on a HEAD request, and the Content-Length of the body it would have sent.
 */
export function writeJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(statusCode, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  response.end(json);
}
