import Ajv, { type ValidateFunction } from 'ajv';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { FixtureBuilder } from './helpers/fixture';
import { resolveRefs, toJsonSchema } from './helpers/openapi-diff';
import { createTestApp, DATABASE_KINDS, seed, type TestApp } from './helpers/test-app';

/**
 * Consumers generate clients from the OpenAPI document: this one is generated from the served document
 * (openapi-typescript for the types, openapi-fetch for the calls), type-checked in strict mode, and run
 * against the service. Every answer must have a status the document lists for its operation and fit
 * that status's schema. The calls are in test/client/every-operation.ts, by operationId.
 */

const CLIENT_DIR = resolve(process.cwd(), 'test/client');
const GENERATED_DIR = join(CLIENT_DIR, 'generated');
const PROGRAM = join(CLIENT_DIR, 'every-operation.ts');
const PROGRAM_JS = join(GENERATED_DIR, 'every-operation.mjs');

const TOKEN = 'generated-client-admin-token';
const USERNAME = 'grace.hopper@example.com';
const FIXTURE = new FixtureBuilder()
  .member('ada.lovelace@example.com', 'admin', { email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', token: TOKEN })
  .member(USERNAME)
  .build();

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** One line of the program's output. */
interface CallResult {
  operationId: string;
  call: string;
  expected: number;
  status: number;
  body: unknown;
}

/** The compiler's complaints about the program and the generated types, under test/client/tsconfig.json (strict). */
function typeErrors(): string[] {
  const configPath = join(CLIENT_DIR, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, CLIENT_DIR, undefined, configPath);
  const program = ts.createProgram(config.fileNames, config.options);
  const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  return [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim());
}

/** Runs the program, as JavaScript, against the service at `baseUrl`. */
async function runProgram(baseUrl: string): Promise<CallResult[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [PROGRAM_JS], { env: { PATH: process.env.PATH ?? '', BASE_URL: baseUrl, TOKEN, USERNAME } });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CallResult);
}

function operationsOf(document: OpenApiDocument): Map<string, Operation> {
  return new Map(Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => [operation.operationId, operation] as const)));
}

/** What is wrong with each answer: a status other than the call expects or the document lists, a body that does not fit. */
function answerProblems(document: OpenApiDocument, results: CallResult[]): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const operations = operationsOf(document);
  return results.flatMap(({ operationId, call, expected, status, body }) => {
    const name = `${operationId} (${call})`;
    if (status !== expected) return [`${name}: answered ${status}, expected ${expected}: ${JSON.stringify(body)}`];
    const operation = operations.get(operationId);
    if (!operation) return [`${name}: the document has no operation ${operationId}`];
    const response = operation.responses[String(status)];
    if (!response) return [`${name}: answered ${status}, which the document does not list`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return [`${name}: the document gives no JSON schema for ${status}`];
    const validate: ValidateFunction = ajv.compile(toJsonSchema(resolveRefs(schema, document)) as object);
    return validate(body) ? [] : [`${name}: the ${status} answer does not fit its schema: ${ajv.errorsText(validate.errors)}`];
  });
}

let document: OpenApiDocument;
let compilerErrors: string[];

beforeAll(async () => {
  const t = await createTestApp('sqlite');
  try {
    document = (await request(t.server).get('/api/docs/json').expect(200)).body as OpenApiDocument;
  } finally {
    await t.close();
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  writeFileSync(join(GENERATED_DIR, 'openapi-types.ts'), astToString(await openapiTS(document as unknown as OpenAPI3)));
  compilerErrors = typeErrors();
  // Types only matter to the compiler: the program runs as the JavaScript it transpiles to.
  const javascript = ts.transpileModule(readFileSync(PROGRAM, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(PROGRAM_JS, javascript.outputText);
}, 60_000);

describe('a TypeScript client generated from the served OpenAPI document', () => {
  it('type-checks in strict mode, with a call of every operation', () => {
    expect(compilerErrors).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)('the generated client against the service on %s', (kind) => {
  let t: TestApp;
  let results: CallResult[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seed(t, FIXTURE);
    await t.app.listen(0, '127.0.0.1');
    results = await runProgram(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`);
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('calls every operation of the document, and gets its success', () => {
    const succeeded = new Set(results.filter((result) => result.status >= 200 && result.status < 300).map((result) => result.operationId));
    const missing = [...operationsOf(document).keys()].filter((operationId) => !succeeded.has(operationId));
    if (missing.length > 0) throw new Error(`no successful call of ${missing.join(', ')}: add one to CALLS in test/client/every-operation.ts`);
  });

  it('gets the status each call expects, and answers that fit the document', () => {
    expect(answerProblems(document, results)).toEqual([]);
  });

  it('has met the 401, 404 and 422 envelopes among them', () => {
    expect([401, 404, 422].filter((status) => !results.some((result) => result.status === status))).toEqual([]);
  });
});

describe('the answer check', () => {
  const tiny: OpenApiDocument = {
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] } } } } },
        },
      },
    },
  };
  const result = (status: number, body: unknown): CallResult => ({ operationId: 'listThings', call: 'all', expected: 200, status, body });

  it('passes an answer that fits, and names the operation of one that does not, or of a status not listed', () => {
    expect(answerProblems(tiny, [result(200, { count: 2 })])).toEqual([]);
    expect(answerProblems(tiny, [result(200, { count: 1.5 })])).toEqual(['listThings (all): the 200 answer does not fit its schema: data/count must be integer']);
    expect(answerProblems(tiny, [{ ...result(429, {}), expected: 429 }])).toEqual(['listThings (all): answered 429, which the document does not list']);
    expect(answerProblems(tiny, [result(500, {})])).toEqual(['listThings (all): answered 500, expected 200: {}']);
  });
});
