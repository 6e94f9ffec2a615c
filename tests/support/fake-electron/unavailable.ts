// What `electron` resolves to under Vitest (vitest.config.ts): the real package's entry looks
// for, and tries to download, an Electron binary. A test runs main's Electron code by booting it
// through tests/support/main-shell.ts, which puts the in-memory Electron in its place.
throw new Error(
  "electron cannot be imported in a Vitest test: boot main with tests/support/main-shell.ts (the in-memory Electron), or import only main's Electron-free modules.",
);
