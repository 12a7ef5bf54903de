import request from 'supertest';
import { createTestApp, DATABASE_KINDS, type TestApp } from './helpers/test-app';

describe.each(DATABASE_KINDS)('foundation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('answers /api/status without a token', async () => {
    const response = await request(t.server).get('/api/status').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
    expect(response.headers['x-request-id']).toMatch(/^req-[A-Za-z0-9]{14}$/);
  });

  it('answers an unknown route with the 404 envelope', async () => {
    const response = await request(t.server).get('/api/v1/nothing-here').expect(404);
    expect(response.body).toEqual({ reqId: response.headers['x-request-id'], statusCode: 404, message: 'Route GET:/api/v1/nothing-here not found', error: 'NotFound' });
  });
});
