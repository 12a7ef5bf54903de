import type { Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * The server makes its requests and responses Express's from birth, so that Express never changes
 * their prototypes: on Node 20 that change, once per request, kept every request's objects alive
 * through V8's young-generation collections (see `bornExpress` in common/pipeline/json-answer).
 */
describe('the HTTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it("creates requests and responses whose prototypes are Express's before any listener sees them", async () => {
    const express = t.app.getHttpAdapter().getInstance<Express>();
    const prototypes: [unknown, unknown][] = [];
    t.server.prependListener('request', (incoming: IncomingMessage, outgoing: ServerResponse) =>
      prototypes.push([Object.getPrototypeOf(incoming), Object.getPrototypeOf(outgoing)]),
    );
    await request(t.server).get('/api/status').expect(200);
    await request(t.server)
      .delete('/api/v1/groups/0b9d3c1e-5f0a-4c8e-9a51-3f2d7c6b8e01/users/nobody')
      .set('Authorization', 'Bearer unknown-0123456789')
      .expect(401);
    expect(prototypes).toHaveLength(2);
    for (const [requestPrototype, responsePrototype] of prototypes) {
      expect(requestPrototype).toBe(express.request);
      expect(responsePrototype).toBe(express.response);
    }
  });
});
