/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    // Transpile only: `tsc --noEmit` (first half of `npm test`) checks the types once, for all files.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // middy 6 ships ES modules; Node 22 loads them through require(esm), jest's loader does not.
    '^.+/node_modules/@middy/.+\\.js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'], babelrc: false, configFile: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
  testTimeout: 30000,
  // Tests mostly wait on DynamoDB Local, so two workers help even on two cores.
  maxWorkers: 2,
};
