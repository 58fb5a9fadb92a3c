import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'test/**/*.test.ts'],
    // Workers tests run in workerd (vitest.workers.config.ts); the SIGKILL rounds in npm run test:crash.
    exclude: ['node_modules/**', 'test/workers/**', 'test/crash/**/*.crash.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
