// ESLint: typescript-eslint's recommended rules for all code, eslint-plugin-jest for the tests
// (no focused or skipped tests, no disabled or conditional expectations).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are errors, except the `_`-prefixed ones that mark a deliberate discard.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Test assertions and wire formats read untyped JSON; `any` is allowed there and kept visible elsewhere.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      // CDK's Template assertions throw on a mismatch, as expect does.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '*.hasResourceProperties', '*.resourceCountIs', '*.hasResource'] }],
    },
  },
  {
    // Shared test definitions (the auth matrix, the fuzzer) are modules that tests import.
    files: ['test/support/**/*.ts'],
    rules: { 'jest/no-export': 'off' },
  },
  {
    // Command-line tools and the local runtime report to the terminal.
    files: ['infra/local/**/*.ts', 'infra/write-*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
