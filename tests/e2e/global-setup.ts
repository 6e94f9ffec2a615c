// Builds the app once (renderer, main, preload) so each test's browser host can start with
// --no-build, and the Electron specs find out/ ready. Empties the leak sweep's folder, so what
// an earlier run collected can neither hide nor fake this run's results.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

import { build } from 'electron-vite';

import { LEAK_ROOT } from './support/leak-paths';

export default async function globalSetup(): Promise<void> {
  rmSync(LEAK_ROOT, { recursive: true, force: true });
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'electron.vite.config.ts'), root, logLevel: 'warn' });
}
