// @ts-check
// Mutation testing of the code that protects people: `npm run test:mutation` (every group below, about
// an hour at concurrency 1), or one group or module with the tests that guard it:
// `MUTATE=auth-login npm run test:mutation`, `MUTATE=http,delegate npm run test:mutation`.
// The report goes to reports/mutation/ (kept out of git); `npx tsx test/mutation/module-scores.ts` sums it
// up per module. StrykerJS 9.6 is the newest that runs on Node 20 (10.x needs Node 22); its vitest runner
// works with vitest 4.1.
//
// Each group names its own tests: the fast, in-process tests beside its files (real SQLite in memory, a
// small Hono app per test, no server process: a mutant is active only in the test process, so a server
// started as a child process could not kill it). The integration tests (test/promises, test/security,
// test/delegate) guard the same code but build a whole app and log in in beforeAll, so Stryker would run
// all of them for each mutant (hours per module): they stay out of these lists.
const GROUPS = {
  ids: { mutate: ['server/ids.ts'], tests: ['server/ids.test.ts', 'server/delegate/delegate-url.test.ts'] },
  recorder: { mutate: ['server/access/access-recorder.ts'], tests: ['server/access/access-recorder.test.ts'] },
  sniff: { mutate: ['server/documents/sniff-type.ts'], tests: ['server/documents/sniff-type.test.ts'] },
  http: { mutate: ['server/http/**/*.ts'], tests: ['server/http/*.test.ts'] },
  // server/auth/ in two: the counting of failures, and logins (sessions, cookies, routes, membership).
  'auth-throttle': {
    mutate: ['server/auth/attempt-store.ts', 'server/auth/login-throttle.ts', 'server/auth/password.ts'],
    tests: ['server/auth/attempt-store.test.ts', 'server/auth/login-throttle.test.ts', 'server/auth/password.test.ts'],
  },
  'auth-login': {
    mutate: ['server/auth/login-sessions.ts', 'server/auth/session-cookie.ts', 'server/auth/known-device.ts', 'server/auth/require-user.ts', 'server/auth/routes.ts', 'server/auth/authorize.ts', 'server/auth/users.ts'],
    tests: ['server/auth/login-sessions.test.ts', 'server/auth/known-device.test.ts', 'server/auth/auth-routes.test.ts', 'server/auth/authorize.test.ts', 'server/auth/users.test.ts'],
  },
  // The delegate side that decides who reads what, in three: PIN and grants, URLs and the request, answers.
  'delegate-pin': {
    mutate: ['server/delegate/check-pin.ts', 'server/delegate/pin-grant.ts', 'server/delegate/pin-throttle.ts'],
    tests: ['server/delegate/check-pin.test.ts', 'server/delegate/pin-grant.test.ts', 'server/delegate/pin-throttle.test.ts'],
  },
  'delegate-request': {
    mutate: ['server/delegate/delegate-url.ts', 'server/delegate/delegate-request.ts'],
    tests: ['server/delegate/delegate-url.test.ts', 'server/delegate/delegate-request.test.ts'],
  },
  'delegate-answer': {
    mutate: ['server/delegate/resolve-code.ts', 'server/delegate/load-code-view.ts', 'server/delegate/answer.ts', 'server/delegate/answer-page.ts', 'server/delegate/answer-document.ts', 'server/delegate/serve-document.ts'],
    tests: ['server/delegate/answer.test.ts', 'server/delegate/answer-page.test.ts', 'server/delegate/serve-document.test.ts'],
  },
};
/** Modules as issue 20 names them: each is the sum of its groups. */
const MODULES = { auth: ['auth-throttle', 'auth-login'], delegate: ['delegate-pin', 'delegate-request', 'delegate-answer'] };
/** @param {string} name */
const groupsOf = (name) => {
  if (name in GROUPS) return [GROUPS[/** @type {keyof typeof GROUPS} */ (name)]];
  if (name in MODULES) return MODULES[/** @type {keyof typeof MODULES} */ (name)].map((g) => GROUPS[/** @type {keyof typeof GROUPS} */ (g)]);
  throw new Error(`MUTATE=${name}: one of ${[...Object.keys(GROUPS), ...Object.keys(MODULES)].join(', ')}`);
};
const chosen = process.env.MUTATE ? process.env.MUTATE.split(',').flatMap(groupsOf) : Object.values(GROUPS);
// Read by vitest.mutation.config.ts in Stryker's test process (it inherits the environment).
// MUTATION_TESTS set by hand names other tests (e.g. only the ones that were there before, for a "before" score).
process.env.MUTATION_TESTS ??= [...new Set(chosen.flatMap((m) => m.tests))].join(',');

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
