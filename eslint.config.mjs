import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value=/^@nestjs\\/swagger\\/dist/]', message: "import from '@nestjs/swagger': its dist/ paths are not its API" },
      ],
    },
  },
  {
    // The domain is plain TypeScript: no framework, no ORM, no driver, and no other layer.
    files: ['src/modules/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'express', 'pg', 'better-sqlite3', 'ioredis', 'class-validator', 'class-transformer'],
              message: 'domain/ stays free of frameworks and drivers',
            },
            { regex: '(^|/)(application|infrastructure|http)(/|$)', message: 'domain/ imports no other layer' },
          ],
        },
      ],
    },
  },
  {
    // Use cases and controllers reach storage through ports (abstract classes); the module binds the implementations.
    files: ['src/modules/*/application/**/*.ts', 'src/modules/*/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)infrastructure(/|$)', message: 'application/ and http/ reach infrastructure/ through ports' }] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
);
