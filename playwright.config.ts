// End-to-end tests against the built extension (run `npm run build` first; `npm test` does).
// Chromium comes from Debian (/usr/bin/chromium), never from `playwright install`: see
// tests/e2e/extension-test.ts for the launch.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One persistent browser context with the extension per worker; tests share it, so run them
  // in order in one worker (they read "the active tab").
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  outputDir: 'test-results',
});
