import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { AppConfig } from '../../config/app-config';
import { applySecurityHeaders } from './security-headers';

/** The headers a middleware sets on an answer to a GET of `path`, by lower-case name, in the order it sets them. */
function headersSetBy(middleware: RequestHandler, path: string): [string, string][] {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let calledNext = false;
  const next: NextFunction = () => (calledNext = true);
  middleware({ method: 'GET', path, url: path, headers: {} } as Request, response as unknown as Response, next);
  expect(calledNext).toBe(true);
  return Object.entries(headers);
}

/** The middleware the service installs for its security headers. */
function serviceMiddleware(): RequestHandler {
  const installed: RequestHandler[] = [];
  const app = { use: (handler: RequestHandler) => installed.push(handler) } as unknown as NestExpressApplication;
  applySecurityHeaders(app, AppConfig.fromEnv({}));
  expect(installed).toHaveLength(1);
  return installed[0];
}

/** helmet's defaults with only the Content-Security-Policy of our own. */
function helmetWithPolicy(directives: Record<string, string[]>): RequestHandler {
  const options: HelmetOptions = { contentSecurityPolicy: { useDefaults: false, directives } };
  return helmet(options) as RequestHandler;
}

const API_DIRECTIVES = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };
const DOCS_DIRECTIVES = {
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
};

describe('the precomputed security headers', () => {
  it.each(['/api/v1/groups', '/api/status', '/no/such/route'])('on %s are what helmet sends with the API policy', (path) => {
    expect(headersSetBy(serviceMiddleware(), path)).toEqual(headersSetBy(helmetWithPolicy(API_DIRECTIVES), path));
  });

  it.each(['/api/docs', '/api/docs/', '/api/docs/swagger-ui.css', '/API/DOCS/json'])('on %s are what helmet sends with the Swagger UI policy', (path) => {
    expect(headersSetBy(serviceMiddleware(), path)).toEqual(headersSetBy(helmetWithPolicy(DOCS_DIRECTIVES), path));
  });

  it('differ from helmet once a header changes, so that the comparison can fail', () => {
    const withoutHsts = helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES }, strictTransportSecurity: false }) as RequestHandler;
    expect(headersSetBy(serviceMiddleware(), '/api/v1/groups')).not.toEqual(headersSetBy(withoutHsts, '/api/v1/groups'));
  });
});
