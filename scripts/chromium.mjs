// The Chromium the end-to-end tests run in, found in one place for `npm test` (which installs
// Debian's package when it runs as root and finds none, and otherwise stops before any test with
// one line saying what to install) and for playwright.config.ts (which launches it):
//   1. CHROMIUM_PATH, when set (it must then be an executable: a wrong path is an error);
//   2. Debian's package, /usr/bin/chromium;
//   3. a Chromium Playwright downloaded (`npx playwright install chromium`), in its cache:
//      PLAYWRIGHT_BROWSERS_PATH, or the per-OS default (~/.cache/ms-playwright on Linux).
// Plain JavaScript with no dependency, so it runs before `npm ci` has finished mattering.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const APT_GET = '/usr/bin/apt-get';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The executable inside one browser folder of Playwright's cache, per platform, newest layout first. */
const LAYOUTS = {
  linux: [
    ['chrome-linux64', 'chrome'],
    ['chrome-linux-arm64', 'chrome'],
    ['chrome-linux', 'chrome'],
    ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
    ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'],
    ['chrome-linux', 'headless_shell'],
  ],
  darwin: [
    ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ['chrome-headless-shell-mac-arm64', 'chrome-headless-shell'],
    ['chrome-headless-shell-mac-x64', 'chrome-headless-shell'],
  ],
  win32: [
    ['chrome-win64', 'chrome.exe'],
    ['chrome-win', 'chrome.exe'],
    ['chrome-headless-shell-win64', 'chrome-headless-shell.exe'],
  ],
};

function realIsExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform === 'win32') return path.toLowerCase().endsWith('.exe');
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function realListDir(path) {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function defaults(options = {}) {
  const isExecutable = options.isExecutable ?? realIsExecutable;
  return {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    listDir: realListDir,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: isExecutable(APT_GET),
    install: aptInstallChromium,
    log: (line) => process.stderr.write(`${line}\n`),
    ...options,
    isExecutable,
  };
}

/** Where Playwright keeps the browsers it downloads (its own rules, PLAYWRIGHT_BROWSERS_PATH first). */
export function playwrightCacheDir(options = {}) {
  const { env, platform, home } = defaults(options);
  const override = env.PLAYWRIGHT_BROWSERS_PATH;
  if (override === '0') return join(ROOT, 'node_modules', 'playwright-core', '.local-browsers');
  if (override) return resolve(override);
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'ms-playwright');
}

/** A Chromium in Playwright's cache: the newest revision, a full browser before a headless shell. */
function fromPlaywrightCache(o) {
  const dir = playwrightCacheDir(o);
  const folders = o
    .listDir(dir)
    .map((name) => ({ name, match: /^chromium(_headless_shell)?-(\d+)$/.exec(name) }))
    .filter((f) => f.match)
    .sort((a, b) => Number(b.match[2]) - Number(a.match[2]) || Number(!!a.match[1]) - Number(!!b.match[1]));
  for (const folder of folders) {
    for (const layout of LAYOUTS[o.platform] ?? []) {
      const path = join(dir, folder.name, ...layout);
      if (o.isExecutable(path)) return path;
    }
  }
  return undefined;
}

/**
 * The Chromium to use: `{ path, source }`, `{ problem }` when CHROMIUM_PATH is set to something
 * that cannot be run, or undefined when there is none.
 */
export function findChromium(options = {}) {
  const o = defaults(options);
  const chosen = o.env.CHROMIUM_PATH;
  if (chosen) {
    return o.isExecutable(chosen)
      ? { path: chosen, source: 'CHROMIUM_PATH' }
      : {
          problem: `CHROMIUM_PATH is set to ${chosen}, which is not an executable file: point it at a Chromium or Chrome executable, or unset it, then run npm test again.`,
        };
  }
  if (o.platform === 'linux' && o.isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'Debian package' };
  const cached = fromPlaywrightCache(o);
  if (cached) return { path: cached, source: 'Playwright cache' };
  return undefined;
}

/** The one line that says what to install, for where Tessera cannot install it itself. */
export function missingChromiumMessage(options = {}) {
  const o = defaults(options);
  if (o.platform === 'linux' && o.hasApt) {
    return "No Chromium for the end-to-end tests: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable, then run npm test again.";
  }
  return 'No Chromium for the end-to-end tests: install Chromium or Google Chrome and set CHROMIUM_PATH to its executable (or run npx playwright install chromium), then run npm test again.';
}

/** apt-get update, then apt-get install chromium: non-interactive and quiet; output kept for a failure. */
export function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const run = spawnSync(APT_GET, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) {
      const last = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim().split('\n').pop() || run.error?.message || `exit status ${run.status}`;
      return { ok: false, detail: `apt-get ${args[0]}: ${last}` };
    }
  }
  return { ok: true };
}

/**
 * What `npm test` does before any test: find a Chromium, or install Debian's package when it
 * runs as root on a system with apt-get. `{ ok: true, path, source }` or `{ ok: false, message }`
 * (one line).
 */
export function ensureChromium(options = {}) {
  const o = defaults(options);
  const found = findChromium(o);
  if (found?.problem) return { ok: false, message: found.problem };
  if (found) return { ok: true, ...found };
  if (o.platform !== 'linux' || !o.isRoot || !o.hasApt) return { ok: false, message: missingChromiumMessage(o) };
  o.log("No Chromium for the end-to-end tests: installing Debian's chromium package (apt-get, as root)…");
  const installed = o.install();
  const after = installed.ok ? findChromium(o) : undefined;
  if (after?.path) return { ok: true, ...after, installed: true };
  const why = installed.ok ? `${DEBIAN_CHROMIUM} is still missing` : installed.detail;
  return {
    ok: false,
    message: `Could not install Debian's chromium package (${why}): install it with apt-get install chromium or set CHROMIUM_PATH, then run npm test again.`,
  };
}
