// Builds the app once (renderer, main, preload) so each test's browser host can start with
// --no-build, and the Electron specs find out/ ready.
import { resolve } from 'node:path';
import { build } from 'electron-vite';

export default async function globalSetup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'electron.vite.config.ts'), root, logLevel: 'warn' });
}
