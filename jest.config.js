/** Projects: unit (no network), integration (DynamoDB Local started by globalSetup),
 *  weapp (the compiled dist/weapp in Node with a fake wx), e2e (Chromium on the H5 build). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] };
// middy and jose ship ESM only: let swc transform them for jest's CommonJS runtime.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose|ulid)/)'];
// Mirrors the `exports` of shared/package.json (first match wins): `api/<area>` is `api/<area>-routes.ts`.
const moduleNameMapper = {
  '^@wxshop/shared$': '<rootDir>/shared/src/index.ts',
  '^@wxshop/shared/api/(route|params|all)$': '<rootDir>/shared/src/api/$1.ts',
  '^@wxshop/shared/api/(.*)$': '<rootDir>/shared/src/api/$1-routes.ts',
  '^@wxshop/shared/i18n/messages$': '<rootDir>/shared/src/i18n/messages/index.ts',
  '^@wxshop/shared/(.*)$': '<rootDir>/shared/src/$1',
};
// 2-core CI machines under load: generous, bounded timeouts for hooks that start DynamoDB Local or simulators.
const common = { transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node', testTimeout: 30_000 };

module.exports = {
  // NOTE: testTimeout is a global option: inside a project entry jest ignores it (tests timed out at 5 s).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // The concurrency races (200 shoppers at once on one SKU) get the machine to themselves: run beside
      // the other integration files they measured the CI machine's load (middy's 29 s function timeout
      // cut queued requests at the SDK's sockets), not our code. Their own step in `npm test`.
      ...common,
      displayName: 'races',
      testMatch: ['<rootDir>/tests/races/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'weapp',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/stack-setup.ts',
      globalTeardown: '<rootDir>/tests/support/stack-teardown.ts',
    },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/stack-setup.ts',
      globalTeardown: '<rootDir>/tests/support/stack-teardown.ts',
    },
    {
      ...common,
      displayName: 'attack',
      testMatch: ['<rootDir>/tests/attack/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/stack-setup.ts',
      globalTeardown: '<rootDir>/tests/support/stack-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      // prints the run tag and the test's phones and tabs on a failure
      testEnvironment: '<rootDir>/tests/support/e2e-environment.ts',
      globalSetup: '<rootDir>/tests/support/stack-setup.ts',
      globalTeardown: '<rootDir>/tests/support/stack-teardown.ts',
    },
  ],
};
