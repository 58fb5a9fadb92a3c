// @ts-check
// Mutation testing of the code that protects people: `npm run test:mutation` (every module below,
// hours at concurrency 1), or one module with the tests that guard it: `MUTATE=ids npm run test:mutation`.
// The report goes to reports/mutation/ (kept out of git); `npx tsx test/mutation/module-scores.ts` sums it
// up per module. StrykerJS 9.6 is the newest that runs on Node 20 (10.x needs Node 22); its vitest runner
// works with vitest 4.1.
//
// Nearly every test here builds its app and logs in in beforeAll, outside any one test, so Stryker sees most
// mutants as "static" and runs the whole test set for each: a module's time is its mutant count times the
// run time of its tests. Each module therefore names its own tests (in-process ones only: a mutant is active
// only in the test process, so a server started as a child process could not kill it).
const MODULES = {
  ids: { mutate: ['server/ids.ts'], tests: ['server/ids.test.ts', 'server/delegate/delegate-url.test.ts'] },
  recorder: { mutate: ['server/access/access-recorder.ts'], tests: ['server/access/access-recorder.test.ts'] },
  sniff: { mutate: ['server/documents/sniff-type.ts'], tests: ['server/documents/sniff-type.test.ts'] },
  http: {
    mutate: ['server/http/**/*.ts'],
    tests: ['server/http/*.test.ts', 'test/promises/readme-promises.test.ts', 'test/security/auth-hardening.test.ts', 'test/security/fuzz.test.ts'],
  },
  auth: {
    mutate: ['server/auth/**/*.ts'],
    tests: ['server/auth/*.test.ts', 'test/promises/*.test.ts', 'test/security/auth-hardening.test.ts', 'test/security/authorization-matrix.test.ts'],
  },
  // The delegate side that decides who reads what: code resolution, PIN, grants, answers.
  delegate: {
    mutate: [
      'server/delegate/resolve-code.ts', 'server/delegate/load-code-view.ts', 'server/delegate/check-pin.ts', 'server/delegate/pin-grant.ts',
      'server/delegate/pin-throttle.ts', 'server/delegate/delegate-url.ts', 'server/delegate/delegate-request.ts', 'server/delegate/answer.ts',
      'server/delegate/answer-page.ts', 'server/delegate/answer-document.ts', 'server/delegate/serve-document.ts',
    ],
    tests: ['server/delegate/*.test.ts', 'test/promises/*.test.ts', 'test/delegate/pin.test.ts', 'test/delegate/state-pages.test.ts', 'test/security/fuzz.test.ts'],
  },
};
const chosen = process.env.MUTATE ? process.env.MUTATE.split(',').map((name) => {
  const m = MODULES[/** @type {keyof typeof MODULES} */ (name)];
  if (!m) throw new Error(`MUTATE=${name}: one of ${Object.keys(MODULES).join(', ')}`);
  return m;
}) : Object.values(MODULES);
// Read by vitest.mutation.config.ts in Stryker's test process (it inherits the environment).
process.env.MUTATION_TESTS = [...new Set(chosen.flatMap((m) => m.tests))].join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [...chosen.flatMap((m) => m.mutate), '!**/*.test.ts'],
  // Every test that kills a mutant is recorded (not only the first), so the report tells which tests
  // guard what: the score of the tests that were there before issue 20 comes from the same run.
  disableBail: true,
  // Two cores shared by the whole team: one test process at a time.
  concurrency: 1,
  timeoutMS: 60_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${process.env.MUTATE ?? 'all'}.html` },
  jsonReporter: { fileName: `reports/mutation/${process.env.MUTATE ?? 'all'}.json` },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['data', 'test-output', 'reports', '.wrangler', 'web/dist', '.tmp'],
  // Stryker rewrites tsconfig.json in its sandbox through TypeScript's JS API, which TypeScript 7 (the
  // native compiler this project uses) no longer has; vitest does not read the tsconfig, so none is named.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
