import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config';

/** The API answers JSON only: a page that embeds or runs it gets nothing. */
const API_POLICY = "default-src 'none';frame-ancestors 'none'";

/**
 * Swagger UI loads its scripts, styles and images from the service itself and has inline styles and
 * data: images. No upgrade-insecure-requests: the service is often reached over plain HTTP.
 */
const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

/** The usual hardening headers of a JSON API, those helmet sends by default, in its order: the spec beside this file compares them. */
const HARDENING_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

const API_HEADERS = [['Content-Security-Policy', API_POLICY] as const, ...HARDENING_HEADERS];
const DOCS_HEADERS = [['Content-Security-Policy', DOCS_POLICY] as const, ...HARDENING_HEADERS];

/** The headers of an answer outside /api/docs as names and values in turn, for a `writeHead` that sets every header at once. */
export const API_SECURITY_HEADERS: readonly string[] = API_HEADERS.flat();

/** What Express routes under /api/docs: the path itself and everything below it, in any case. */
const DOCS_PATH = /^\/api\/docs(?:\/|$)/i;

/** Every header is computed once, at start: a request only copies them onto its answer. */
function setSecurityHeaders(request: Request, response: Response, next: NextFunction): void {
  for (const [name, value] of DOCS_PATH.test(request.path) ? DOCS_HEADERS : API_HEADERS) response.setHeader(name, value);
  next();
}

/**
 * The security headers on every answer (the strict policy above, relaxed under /api/docs for Swagger
 * UI), and CORS only for the origins CORS_ORIGINS lists: without it browsers on other origins are refused.
 */
export function applySecurityHeaders(app: NestExpressApplication, config: AppConfig): void {
  app.use(setSecurityHeaders);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
}
