import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { jsonDifferences } from './helpers/openapi-diff';
import { createTestApp, type TestApp } from './helpers/test-app';

/** How many differences the failure lists before it only counts the rest. */
const SHOWN = 20;

/** A readable account of how the served document differs from the committed one; empty when they are the same. */
function documentDrift(committedText: string, served: unknown): string {
  const committed = JSON.parse(committedText) as unknown;
  const differences = jsonDifferences(committed, served);
  if (differences.length === 0) {
    // Same content, other text (key order, indentation): the committed file was not written by the script.
    return committedText === JSON.stringify(served, null, 2) + '\n' ? '' : 'docs/openapi.json has the served content in another order or layout';
  }
  const shown = differences.slice(0, SHOWN).map((line) => `  ${line.length > 200 ? line.slice(0, 200) + '…' : line}`);
  const rest = differences.length > SHOWN ? [`  … and ${differences.length - SHOWN} more`] : [];
  return [
    `the served document differs from docs/openapi.json in ${differences.length} ${differences.length === 1 ? 'place' : 'places'} (expected: committed, got: served):`,
    ...shown,
    ...rest,
  ].join('\n');
}

describe('the committed OpenAPI document (docs/openapi.json)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });

  afterAll(async () => {
    await t.close();
  });

  it('is the document the service serves; run `npm run docs:openapi` after changing the API', async () => {
    const served = (await request(t.server).get('/api/docs/json').expect(200)).body as unknown;
    const drift = documentDrift(readFileSync(resolve(process.cwd(), 'docs/openapi.json'), 'utf8'), served);
    if (drift) throw new Error(`${drift}\nRegenerate it with \`npm run docs:openapi\` and commit it.`);
  });

  it('names each difference by its path, and counts what it does not show', () => {
    const committed = { paths: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`/p${i}`, { summary: 'old' }])) };
    const served = { paths: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`/p${i}`, { summary: 'new' }])) };
    const drift = documentDrift(JSON.stringify(committed, null, 2) + '\n', served);
    expect(drift.split('\n')).toEqual([
      'the served document differs from docs/openapi.json in 25 places (expected: committed, got: served):',
      ...Array.from({ length: SHOWN }, (_, i) => `  $.paths./p${i}.summary: expected "old", got "new"`),
      '  … and 5 more',
    ]);
  });

  it('tells a committed file in another layout from the served one', () => {
    const served = { openapi: '3.0.0', info: { title: 'Groups API' } };
    expect(documentDrift(JSON.stringify(served, null, 2) + '\n', served)).toBe('');
    expect(documentDrift(JSON.stringify(served), served)).toBe('docs/openapi.json has the served content in another order or layout');
  });
});
