// End-to-end tests. `e2e`: the real renderer in Chromium (found by scripts/chromium.mjs), each
// test against its own browser host (real core + built-in sandbox). `leak-sweep`: after all of
// e2e, searches what those tests collected (data folders, logs, frames, service answers, page
// text, copied diagnostics) for every secret they used; no browser. `electron`: the packaged-app specs, which need an Electron
// binary and no browser. The renderer is built once, before any test.
import { defineConfig } from '@playwright/test';

import { findChromium, missingChromiumMessage } from './scripts/chromium.mjs';

// The same discovery as `npm test`, which exports what it found (or installed) as CHROMIUM_PATH.
const chromium = findChromium();
if (!chromium?.path) process.stderr.write(`${chromium?.problem ?? missingChromiumMessage()}\n`);

/** Debian's Chromium on a closed network misbehaves without these. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }], ['./tests/e2e/support/leak-reporter.ts']],
  // Only this folder is emptied at the start of a run; screenshots live beside it.
  outputDir: 'test-results/artifacts',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'e2e',
      testMatch: 'e2e/**/*.spec.ts',
      testIgnore: 'e2e/leak-sweep.spec.ts',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1024, height: 700 },
        locale: 'en-US',
        launchOptions: { executablePath: chromium?.path, args: CHROMIUM_ARGS },
      },
    },
    {
      // Runs only once every e2e test has passed (Playwright skips it otherwise).
      name: 'leak-sweep',
      testMatch: 'e2e/leak-sweep.spec.ts',
      dependencies: ['e2e'],
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
