/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }] },
  // The server's package exports point at dist/, which need not be built; tests run its TypeScript source instead.
  moduleNameMapper: {
    // Sources import siblings as `./x.js`, as Node.js ESM needs; jest resolves them to the TypeScript files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@inquirly/server/testing$': '<rootDir>/../../apps/server/src/testing/index.ts',
    '^@inquirly/server/testing/browser$': '<rootDir>/../../apps/server/src/testing/browser.ts',
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // The test servers copy one template database that the server's global setup migrates per run.
  globalSetup: '<rootDir>/../../apps/server/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/../../apps/server/src/testing/global-teardown.ts',
  testTimeout: 20000,
};
