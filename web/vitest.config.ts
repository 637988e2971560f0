import { defineConfig } from 'vitest/config';

/** Component and logic tests of the web app (logic that lives in the browser, e.g. the offline outbox). */
export default defineConfig({
  root: __dirname,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
