import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Never the real package (it fetches a binary); tests/support/main-shell.ts mocks this module.
    alias: [{ find: /^electron$/, replacement: fileURLToPath(new URL('./tests/support/fake-electron/unavailable.ts', import.meta.url)) }],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two projects, one run (and one count in `npm test`): core, main and the renderer's logic
    // in Node; the renderer's components in a DOM (happy-dom) against a fake window.tessera.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          server: {
            deps: {
              // Processed by Vitest rather than loaded by Node, so the in-memory Electron of
              // tests/unit/shell (vi.mock('electron')) is the `electron` it imports, as main's own
              // modules do. Loaded natively, it would require the real package, which looks for
              // (and tries to download) a binary.
              inline: ['electron-store'],
            },
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/components/support/setup.ts'],
        },
      },
    ],
    // `npm run coverage:main`: line coverage of the Electron main process (electron/main).
    coverage: {
      provider: 'v8',
      include: ['electron/main/**/*.ts'],
      reporter: ['text', 'text-summary', 'json-summary'],
      reportsDirectory: 'test-results/coverage-main',
      // A timing test failing under load must not hide the figure; the run still fails.
      reportOnFailure: true,
    },
  },
});
