// Launching the built app for a spec: the real Electron binary on out/main/index.js, a fresh
// data folder per test (so specs never share a store, a lock or a keyring entry), and a page
// that is ready when window.tessera answers, never after a fixed sleep.
//
// The binary is found the way node_modules/electron/index.js finds it, but without requiring
// that module: in Electron 45 requiring it downloads the binary when it is missing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { _electron, type ElectronApplication, type Page, test as base } from '@playwright/test';

import type { TesseraApi } from '#common/contract';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const MAIN_ENTRY = join(ROOT, 'out/main/index.js');

export const NO_BINARY_REASON =
  'No Electron binary here: node_modules/electron/dist is missing and cannot be downloaded on this machine ' +
  '(Electron 45 fetches it lazily on first run). These specs run wherever the binary exists.';

/** The Electron executable, or undefined when this machine has none. */
export function electronExecutable(): string | undefined {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative || 'electron') : relative ? join(pkg, 'dist', relative) : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

/** What specs use of the page's globals (tsconfig.node has no DOM library). */
export interface PageGlobals {
  tessera?: TesseraApi;
  open(url: string): unknown;
  location: { href: string };
  Notification: { requestPermission(): Promise<string> };
}

/** Variables that would change what the app loads or where it keeps data. */
const CLEARED_ENV = new Set(['ELECTRON_RENDERER_URL', 'TESSERA_DATA_DIR', 'ELECTRON_RUN_AS_NODE', 'NODE_OPTIONS']);

export async function launchApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ app: ElectronApplication; page: Page }> {
  const executablePath = electronExecutable();
  if (!executablePath) throw new Error(NO_BINARY_REASON);
  if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: run \`npx electron-vite build\` first.`);
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !CLEARED_ENV.has(e[0]))),
    ...extraEnv,
  };
  // The project folder: Electron runs its package.json `main` (out/main/index.js) and takes
  // the app's name and version from it, as an installed build would.
  const app = await _electron.launch({ executablePath, args: [ROOT, `--data-dir=${dataDir}`], cwd: ROOT, env });
  const page = await app.firstWindow();
  // Ready: the preload has exposed the bridge, and core (set up before the window) answers.
  await page.waitForFunction(() => typeof (globalThis as unknown as PageGlobals).tessera?.getAppInfo === 'function');
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  if (!info.ok) throw new Error(`The app started but core did not answer getAppInfo: ${info.error.code}`);
  return { app, page };
}

export const test = base.extend<{ appEnv: Record<string, string>; dataDir: string; app: ElectronApplication; page: Page }>({
  /** Variables added to the app's environment (e.g. TESSERA_TEST_HOOKS); set with test.use. */
  appEnv: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ dataDir, appEnv }, use) => {
    const { app } = await launchApp(dataDir, appEnv);
    await use(app);
    await app.close();
  },
  page: async ({ app }, use) => {
    await use(await app.firstWindow());
  },
});

export { expect } from '@playwright/test';
