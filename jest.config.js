/**
 * Three kinds of test, all in `npm test`:
 * - unit: plain functions and the contract; no Java, no DynamoDB Local (`npm run test:unit`);
 * - integration: the API and the bulk jobs against DynamoDB Local and the synthesized state
 *   machine, plus the route fuzzer (`npm run test:integration`);
 * - infra: the synthesized CDK stack (`npm run test:infra`);
 * - browser: the console and portal in Debian's Chromium against `npm start`'s stack
 *   (`npm run test:browser`).
 */
const base = {
  testEnvironment: 'node',
  transform: {
    // Transpile only: `tsc --noEmit` (first half of `npm test`) checks the types once, for all files.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // middy 6 and the OpenAPI validator's ref parser ship ES modules; Node 22 loads them through
    // require(esm), jest's loader does not.
    '^.+/node_modules/(@middy|@apidevtools)/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'], babelrc: false, configFile: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@apidevtools)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  // Tests mostly wait on DynamoDB Local, so two workers help even on two cores.
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], setupFiles: ['<rootDir>/test/support/unit-env.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/fuzz/**/*.test.ts'],
      // A project's global setup runs only when one of its tests is selected.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/test-env.ts'],
    },
    {
      ...base,
      displayName: 'infra',
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      // The app is synthesized once per run, and every infra test reads it (test/support/synthesized.ts).
      globalSetup: '<rootDir>/test/support/infra-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/infra-global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/unit-env.ts'],
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/browser-stack.ts',
      globalTeardown: '<rootDir>/test/support/browser-stack-teardown.ts',
    },
  ],
};
