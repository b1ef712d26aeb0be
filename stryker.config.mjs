// @ts-check
/**
 * Mutation testing of the security-critical modules: `npm run test:mutation`.
 *
 * Stryker changes one thing at a time in these files (a `!==` into `===`, a regex anchor
 * dropped, a branch emptied…) and runs the unit tests that cover the change; a mutant the
 * tests don't notice is a promise the tests don't pin. Goal: a mutation score ≥ 90 % on each.
 * One module at a time: `npm run test:mutation -- --mutate electron/web-host/server.ts`.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutation.config.ts',
    // The mutation config already lists the files that pin these modules; "related" would
    // pull in every test that imports the contract (most of the suite).
    related: false,
  },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'electron/web-host/server.ts',
    'electron/web-host/ws-session.ts',
    'electron/web-host/static-files.ts',
    'electron/services/router.ts',
    'shared/contract.ts',
    'electron/services/storage/secret-store.ts',
    'electron/services/storage/secret-reference.ts',
    'electron/services/storage/workspace-profiles.ts',
    'electron/services/workspace-client/sse.ts',
    'shared/request-body.ts',
  ],
  coverageAnalysis: 'perTest',
  // Shared two-core machine: one or two test processes, never more.
  concurrency: 2,
  // Added to the test run's normal time before a mutant counts as hanging (detected).
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
