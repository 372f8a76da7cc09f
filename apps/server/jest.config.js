/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // Migrates one template database per run, which each test file copies.
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/global-teardown.ts',
  // Test files spend their time on the CPU, in the server they start; jest's default of one worker fewer than the
  // cores runs them one at a time on two cores, where two workers finished the suite about a fifth sooner.
  maxWorkers: '100%',
  testTimeout: 20000,
};
