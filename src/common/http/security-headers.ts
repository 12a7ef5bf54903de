import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet, { contentSecurityPolicy } from 'helmet';
import type { AppConfig } from '../../config/app-config';

/** The API answers JSON only: a page that embeds or runs it gets nothing. */
const API_POLICY = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } };

/**
 * Swagger UI loads its scripts, styles and images from the service itself and has inline styles and
 * data: images. No upgrade-insecure-requests: the service is often reached over plain HTTP.
 */
const DOCS_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * helmet's headers on every answer (the strict policy above, relaxed under /api/docs for Swagger UI),
 * and CORS only for the origins CORS_ORIGINS lists: without it browsers on other origins are refused.
 */
export function applySecurityHeaders(app: NestExpressApplication, config: AppConfig): void {
  app.use(helmet({ contentSecurityPolicy: API_POLICY }));
  app.use('/api/docs', contentSecurityPolicy(DOCS_POLICY));
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
