/**
 * The three test projects on one base: TypeScript through ts-jest in native ESM mode, since NestJS 12
 * is published as ESM only. Run one with `--selectProjects unit|e2e|browser`.
 */

const base = {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  // Sources import each other without extensions; a `.js` written for Node's ESM resolution maps to the `.ts` file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/** ts-jest in ESM mode, with these options added (`tsconfig` merged into the base compiler options). */
function typescript({ tsconfig = {}, ...options } = {}) {
  return {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { module: 'esnext', moduleResolution: 'bundler', ...tsconfig }, ...options }],
  };
}

/** @type {import('jest').Config} */
export default {
  // A machine of two cores running the suites of both databases at once can take seconds over one test; no test asserts a duration.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/src'], testRegex: '\\.spec\\.ts$', transform: typescript({ tsconfig: { isolatedModules: true } }) },
    {
      ...base,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      // The Swagger CLI plugin, as `nest build` applies it, so that the tests see the document the build emits; it needs
      // the whole program's types, hence no isolatedModules here.
      transform: typescript({ astTransformers: { before: ['<rootDir>/test/helpers/swagger-plugin.cjs'] } }),
    },
    {
      ...base,
      displayName: 'browser',
      roots: ['<rootDir>/test'],
      testRegex: '\\.browser-spec\\.ts$',
      transform: typescript({ tsconfig: { isolatedModules: true } }),
    },
  ],
};
