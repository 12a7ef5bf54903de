import Ajv, { type ValidateFunction } from 'ajv';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { FixtureBuilder } from './helpers/fixture';
import { resolveRefs, toJsonSchema } from './helpers/openapi-diff';
import { createTestApp, seed, type TestApp } from './helpers/test-app';

/**
 * Consumers generate clients from the OpenAPI document: this one is generated from the served document
 * (openapi-typescript for the types, openapi-fetch for the calls), type-checked in strict mode, and run
 * against the service. Every answer must have a status the document lists for its operation, a media
 * type it lists for that status, and fit that schema. The calls are in test/client/every-operation.ts.
 */

const PROGRAM = resolve(process.cwd(), 'test/client/every-operation.ts');

/** Strict, and stricter than `strict` where generated types are most often wrong: optional properties and indexed reads. */
const STRICT: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: ['node'],
  skipLibCheck: true,
};

const TOKEN = 'generated-client-admin-token';
const USERNAME = 'grace.hopper@example.com';
const FIXTURE = new FixtureBuilder()
  .member('ada.lovelace@example.com', 'admin', { email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', token: TOKEN })
  .member(USERNAME)
  .build();

type Content = Record<string, { schema?: unknown }>;
type Operation = { operationId: string; responses: Record<string, { content?: Content }> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** One line of the program's output. */
interface CallResult {
  operationId: string;
  call: string;
  expected: number;
  status: number;
  contentType: string | null;
  body: unknown;
}

/** Where the program is checked and run: a folder of its own beside the generated types, resolving packages from the project. */
function clientFolder(types: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'generated-client-'));
  symlinkSync(resolve(process.cwd(), 'node_modules'), join(folder, 'node_modules'), 'dir');
  writeFileSync(join(folder, 'openapi-types.ts'), types);
  copyFileSync(PROGRAM, join(folder, 'every-operation.ts'));
  return folder;
}

/** The compiler's complaints about the program and the generated types, in strict mode. */
function typeErrors(folder: string): string[] {
  const program = ts.createProgram([join(folder, 'every-operation.ts')], STRICT);
  const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => folder, getNewLine: () => '\n' };
  return ts.getPreEmitDiagnostics(program).map((diagnostic) =>
    ts
      .formatDiagnostic(diagnostic, host)
      .trim()
      .replace(folder + '/', ''),
  );
}

/** Runs the program, as the JavaScript it transpiles to (types only matter to the compiler), against the service at `baseUrl`. */
async function runProgram(folder: string, baseUrl: string): Promise<CallResult[]> {
  const javascript = ts.transpileModule(readFileSync(PROGRAM, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 } });
  const script = join(folder, 'every-operation.mjs');
  writeFileSync(script, javascript.outputText);
  const { stdout } = await promisify(execFile)(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', BASE_URL: baseUrl, TOKEN, USERNAME } });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CallResult);
}

function operationsOf(document: OpenApiDocument): Map<string, Operation> {
  return new Map(Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => [operation.operationId, operation] as const)));
}

/**
 * What is wrong with each answer: a status other than the call expects or the document lists, a media
 * type the document does not list for it, a body that does not fit its schema, or a body where it lists none.
 */
function answerProblems(document: OpenApiDocument, results: CallResult[]): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const operations = operationsOf(document);
  return results.flatMap(({ operationId, call, expected, status, contentType, body }) => {
    const name = `${operationId} (${call})`;
    if (status !== expected) return [`${name}: answered ${status}, expected ${expected}: ${JSON.stringify(body)}`];
    const response = operations.get(operationId)?.responses[String(status)];
    if (!response) return [`${name}: answered ${status}, which the document does not list`];
    if (!response.content) return body === undefined ? [] : [`${name}: the document lists no body for ${status}, got ${JSON.stringify(body)}`];
    const mediaType = contentType?.split(';')[0]?.trim() ?? '';
    const schema = response.content[mediaType]?.schema;
    if (!schema) return [`${name}: the document gives no schema of ${mediaType || 'no media type'} for ${status}`];
    const validate: ValidateFunction = ajv.compile(toJsonSchema(resolveRefs(schema, document)) as object);
    return validate(body) ? [] : [`${name}: the ${status} answer does not fit its schema: ${ajv.errorsText(validate.errors)}`];
  });
}

describe('a TypeScript client generated from the served OpenAPI document', () => {
  let t: TestApp;
  let folder: string;
  let document: OpenApiDocument;
  let results: CallResult[];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await seed(t, FIXTURE);
    await t.app.listen(0, '127.0.0.1');
    document = (await request(t.server).get('/api/docs/json').expect(200)).body as OpenApiDocument;
    folder = clientFolder(astToString(await openapiTS(document as unknown as OpenAPI3)));
    results = await runProgram(folder, `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('type-checks in strict mode, with the calls of every operation', () => {
    expect(typeErrors(folder)).toEqual([]);
  }, 60_000);

  it('calls every operation of the document, and gets its success', () => {
    const succeeded = new Set(results.filter((result) => result.status >= 200 && result.status < 300).map((result) => result.operationId));
    const missing = [...operationsOf(document).keys()].filter((operationId) => !succeeded.has(operationId));
    if (missing.length > 0) throw new Error(`no successful call of ${missing.join(', ')}: add one to CALLS in test/client/every-operation.ts`);
  });

  it('gets the status each call expects, and answers that fit the document', () => {
    expect(answerProblems(document, results)).toEqual([]);
  });
});

describe('the answer check', () => {
  const json = (schema: object): Content => ({ 'application/json': { schema } });
  const tiny: OpenApiDocument = {
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          responses: { '200': { content: json({ type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] }) }, '204': {} },
        },
      },
    },
  };
  const result = (status: number, body: unknown, contentType: string | null = 'application/json; charset=utf-8'): CallResult => ({
    operationId: 'listThings',
    call: 'all',
    expected: status,
    status,
    contentType,
    body,
  });

  it('passes an answer that fits its status and media type', () => {
    expect(answerProblems(tiny, [result(200, { count: 2 }), result(204, undefined, null)])).toEqual([]);
  });

  it('names the operation of an answer that does not fit, or whose status or media type the document does not list', () => {
    expect(answerProblems(tiny, [result(200, { count: 1.5 })])).toEqual([
      'listThings (all): the 200 answer does not fit its schema: data/count must be integer',
    ]);
    expect(answerProblems(tiny, [result(429, {})])).toEqual(['listThings (all): answered 429, which the document does not list']);
    expect(answerProblems(tiny, [{ ...result(500, {}), expected: 200 }])).toEqual(['listThings (all): answered 500, expected 200: {}']);
    expect(answerProblems(tiny, [result(200, { count: 2 }, 'text/html')])).toEqual(['listThings (all): the document gives no schema of text/html for 200']);
    expect(answerProblems(tiny, [result(204, {})])).toEqual(['listThings (all): the document lists no body for 204, got {}']);
  });
});
