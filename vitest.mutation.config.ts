import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (`npm run test:mutation`): stryker.config.mjs names, per
// module, the in-process tests that guard it and hands them over in MUTATION_TESTS. Files whose tests
// depend on the ones before them (the core scenarios, the lane's comparison) are not among them: Stryker
// runs the tests covering a mutant by name, and such a test run alone would fail and count as a kill
// (checked with --sequence.shuffle.tests).
export default defineConfig({
  test: {
    include: (process.env.MUTATION_TESTS ?? 'server/**/*.test.ts').split(','),
    exclude: ['node_modules/**'],
    env: { FUZZ_RUNS: '25' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
