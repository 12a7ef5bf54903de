/*
 * The request pipeline, in order: a bearer token nobody has, refused before Express (modules/identity/unknown-token-refusal);
 * Node's refusals of what it cannot parse, in the envelope (common/pipeline/node-refusals); the request id (request-id);
 * the log line and metrics, written on the answer (request-log); security headers (security-headers); bodies, SCIM's
 * media types then JSON, refused past BODY_LIMIT or MAX_JSON_DEPTH (json-depth); the guards, rate limits
 * (modules/rate-limit) then the bearer token (modules/identity) or, on SCIM routes, the SCIM token; the validation pipe
 * (common/errors/validation.pipe); the controller and its use case; the answer as JSON (common/pipeline/json-answer) or
 * an error through the envelope filter (common/errors/error-envelope.filter), on SCIM routes the SCIM error filter. On
 * a signal, requests under way finish before exit (common/pipeline/graceful-shutdown).
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Express, json, type RequestHandler } from 'express';
import { AppModule } from './app.module';
import { setupApiDocs } from './common/docs/api-docs';
import { AppLogger } from './common/logging/logger';
import { JsonAnsweringExpressAdapter } from './common/pipeline/json-answer';
import { refuseDeepJson } from './common/pipeline/json-depth';
import { answerNodeRefusals } from './common/pipeline/node-refusals';
import { assignRequestId } from './common/pipeline/request-id';
import { observeRequests } from './common/pipeline/request-log';
import { applySecurityHeaders } from './common/pipeline/security-headers';
import { AppConfig } from './config/app-config';
import { UnknownTokenRefusal } from './modules/identity/unknown-token-refusal';
import { HttpMetrics } from './modules/observability/http-metrics';
import { parseScimBodies, SCIM_ROOT } from './modules/scim/http/scim-http';

/** Request bodies above this size are refused with 413. */
export const BODY_LIMIT = '100kb';

/**
 * JSON bodies, parsed before routing: a malformed one is a 422 on any path. Most requests (GET,
 * DELETE) have none, as their framing headers say: those skip the parser, which would look at the
 * same headers and find nothing to read.
 */
function parseJsonBodies(): RequestHandler {
  const parse = json({ limit: BODY_LIMIT, verify: refuseDeepJson });
  return (request, response, next) => {
    if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) next();
    else parse(request, response, next);
  };
}

/** Builds the whole service, as `npm start` runs it and as the e2e tests drive it. */
export async function createApp(config: AppConfig, logger: AppLogger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), new JsonAnsweringExpressAdapter(), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Answers are small and never cached by clients: hashing every body for an ETag is wasted work.
  app.set('etag', false);
  answerNodeRefusals(app.getHttpServer(), logger);
  app.set('trust proxy', 'loopback');
  const observe = observeRequests(logger, app.get(HttpMetrics));
  app.use(assignRequestId);
  app.use(observe);
  applySecurityHeaders(app, config);
  // SCIM routes have their media types, limit and error schema; the regular parser skips what they parsed.
  app.use(SCIM_ROOT, parseScimBodies());
  app.use(parseJsonBodies());
  app.get(UnknownTokenRefusal).install(app.getHttpServer(), app.getHttpAdapter().getInstance() as Express, observe);
  // On a signal: GracefulShutdown drains the requests under way, Nest closes the pool, then exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  setupApiDocs(app);
  await app.init();
  return app;
}
