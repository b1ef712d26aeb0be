import { defineConfig } from 'vitest/config';
import base from './vite.config';

/**
 * The unit tests that pin the security-critical modules, and only those: the vitest run that
 * `npm run test:mutation` (stryker.config.mjs) repeats for every mutant. Each source listed
 * in stryker.config.mjs has its mirrored test file(s) here; the rest of the unit suite would
 * only slow every mutant down.
 */
export const MUTATION_TEST_FILES = [
  'tests/unit/electron/web-host/server.test.ts',
  'tests/unit/electron/web-host/request-sizes.test.ts',
  'tests/unit/electron/web-host/port-choice.test.ts',
  'tests/unit/electron/web-host/ws-session.test.ts',
  'tests/unit/electron/web-host/static-files.test.ts',
  'tests/unit/electron/services/router.test.ts',
  'tests/unit/shared/contract.test.ts',
  'tests/unit/shared/workspace-schemas.test.ts',
  'tests/unit/electron/services/storage/secret-store.test.ts',
  'tests/unit/electron/services/storage/secret-reference.test.ts',
  'tests/unit/electron/services/storage/workspace-profiles.test.ts',
  'tests/unit/electron/services/workspace-client/sse.test.ts',
  'tests/unit/shared/request-body.test.ts',
  'tests/unit/shared/request-body-reasoning.test.ts',
  'tests/unit/shared/request-body-tools.test.ts',
];

// Spread, not mergeConfig: that would append these files to the base config's glob.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // MUTATION_TEST_FILES=a.test.ts,b.test.ts narrows a one-module run to that module's tests.
    include: process.env.MUTATION_TEST_FILES?.split(',') ?? MUTATION_TEST_FILES,
    // A mutant often makes a test wait for an answer that never comes: fail it sooner than
    // the suite's generous 20 s (Stryker's own timeout usually ends such a run first; the
    // slowest test here, a keychain check in a child process, needs several seconds).
    testTimeout: 15_000,
    // The machine running this is shared: one test file at a time per Stryker worker.
    fileParallelism: false,
  },
});
