import { defineConfig } from 'vitest/config';

// `npm run test:crash`: the SIGKILL rounds (slow, one real server process killed many times).
export default defineConfig({
  test: {
    include: ['test/crash/**/*.crash.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
