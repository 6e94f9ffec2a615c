// How `npm test` finds the Chromium for the end-to-end tests (scripts/chromium.mjs), on a pretend
// file system: CHROMIUM_PATH first, then Debian's package, then Playwright's cache; installing
// Debian's package only as root; and, with none, one line saying what to install, before any
// test runs (the last case runs scripts/test.mjs itself).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { type ChromiumOptions, DEBIAN_CHROMIUM, ensureChromium, findChromium, playwrightCacheDir } from '../../../scripts/chromium.mjs';

const HOME = '/home/till';
const CACHE = join(HOME, '.cache', 'ms-playwright');

/** A machine with exactly these executables; folders are listed from their paths. */
function machine(executables: string[], over: ChromiumOptions = {}): ChromiumOptions {
  const files = new Set(executables);
  return {
    env: {},
    platform: 'linux',
    home: HOME,
    isExecutable: (p) => files.has(p),
    listDir: (dir) => [...new Set([...files].filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
    isRoot: false,
    hasApt: true,
    install: () => {
      throw new Error('nothing may be installed here');
    },
    log: () => undefined,
    ...over,
  };
}

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, over every other Chromium', () => {
    const m = machine(['/opt/chrome/chrome', DEBIAN_CHROMIUM], { env: { CHROMIUM_PATH: '/opt/chrome/chrome' } });
    expect(findChromium(m)).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that cannot be run rather than quietly using another one', () => {
    const found = findChromium(machine([DEBIAN_CHROMIUM], { env: { CHROMIUM_PATH: '/opt/nothing/chrome' } }));
    expect(found?.problem).toMatch(/^CHROMIUM_PATH is set to \/opt\/nothing\/chrome, which is not an executable file/);
    expect(found?.path).toBeUndefined();
  });

  it("uses Debian's /usr/bin/chromium next", () => {
    expect(findChromium(machine([DEBIAN_CHROMIUM, `${CACHE}/chromium-1255/chrome-linux64/chrome`]))).toEqual({
      path: DEBIAN_CHROMIUM,
      source: 'Debian package',
    });
  });

  it('then one Playwright downloaded: the newest revision, a full browser before a headless shell, in either folder layout', () => {
    const newest = `${CACHE}/chromium-1255/chrome-linux64/chrome`;
    expect(
      findChromium(
        machine([
          `${CACHE}/chromium-1100/chrome-linux/chrome`,
          newest,
          `${CACHE}/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell`,
        ]),
      ),
    ).toEqual({ path: newest, source: 'Playwright cache' });
    // The older layout (chrome-linux) and a lone headless shell count too.
    expect(findChromium(machine([`${CACHE}/chromium-1100/chrome-linux/chrome`]))?.path).toBe(`${CACHE}/chromium-1100/chrome-linux/chrome`);
    const shell = `${CACHE}/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell`;
    expect(findChromium(machine([shell]))?.path).toBe(shell);
    // Folders that are not browsers, or browsers without their executable, do not.
    expect(
      findChromium(machine([`${CACHE}/firefox-1572/firefox/firefox`, `${CACHE}/chromium-1255/INSTALLATION_COMPLETE`])),
    ).toBeUndefined();
  });

  it("follows Playwright's cache location: PLAYWRIGHT_BROWSERS_PATH, XDG_CACHE_HOME, macOS and Windows", () => {
    expect(playwrightCacheDir({ env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/browsers' }, home: HOME })).toBe('/srv/browsers');
    expect(playwrightCacheDir({ env: { PLAYWRIGHT_BROWSERS_PATH: '0' }, home: HOME })).toBe(
      resolve(import.meta.dirname, '../../../node_modules/playwright-core/.local-browsers'),
    );
    expect(playwrightCacheDir({ env: { XDG_CACHE_HOME: '/var/cache/till' }, platform: 'linux', home: HOME })).toBe(
      '/var/cache/till/ms-playwright',
    );
    expect(playwrightCacheDir({ env: {}, platform: 'darwin', home: HOME })).toBe(`${HOME}/Library/Caches/ms-playwright`);
    expect(playwrightCacheDir({ env: { LOCALAPPDATA: 'C:\\Users\\till\\AppData\\Local' }, platform: 'win32', home: HOME })).toBe(
      join('C:\\Users\\till\\AppData\\Local', 'ms-playwright'),
    );
    const mac = `${HOME}/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`;
    expect(findChromium(machine([mac], { platform: 'darwin' }))).toEqual({ path: mac, source: 'Playwright cache' });
    // /usr/bin/chromium is Debian's only on Linux.
    expect(findChromium(machine([DEBIAN_CHROMIUM], { platform: 'darwin' }))).toBeUndefined();
  });
});

describe('setting up before the tests', () => {
  it("installs Debian's package when running as root, apt-get available, and none is found", () => {
    const files = new Set<string>();
    const install = vi.fn(() => {
      files.add(DEBIAN_CHROMIUM);
      return { ok: true as const };
    });
    const lines: string[] = [];
    const result = ensureChromium({ ...machine([]), isExecutable: (p) => files.has(p), isRoot: true, install, log: (l) => lines.push(l) });
    expect(install).toHaveBeenCalledOnce();
    expect(result).toEqual({ ok: true, path: DEBIAN_CHROMIUM, source: 'Debian package', installed: true });
    expect(lines).toEqual(["No Chromium for the end-to-end tests: installing Debian's chromium package (apt-get, as root)…"]);
  });

  it('says in one line why an installation did not help', () => {
    const result = ensureChromium({
      ...machine([]),
      isRoot: true,
      install: () => ({ ok: false, detail: 'apt-get update: Could not resolve deb.debian.org' }),
    });
    expect(result).toEqual({
      ok: false,
      message:
        "Could not install Debian's chromium package (apt-get update: Could not resolve deb.debian.org): install it with apt-get install chromium or set CHROMIUM_PATH, then run npm test again.",
    });
  });

  it('installs nothing when one is found, or when not root', () => {
    expect(ensureChromium(machine([DEBIAN_CHROMIUM], { isRoot: true }))).toMatchObject({ ok: true, path: DEBIAN_CHROMIUM });
    const notRoot = ensureChromium(machine([]));
    expect(notRoot).toEqual({
      ok: false,
      message:
        "No Chromium for the end-to-end tests: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable, then run npm test again.",
    });
    const elsewhere = ensureChromium(machine([], { platform: 'darwin', isRoot: true, hasApt: false }));
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok)
      expect(elsewhere.message).toMatch(/^No Chromium for the end-to-end tests: install Chromium or Google Chrome and set CHROMIUM_PATH/);
    for (const r of [notRoot, elsewhere]) if (!r.ok) expect(r.message).not.toContain('\n');
  });

  it('npm test stops before any test, with that one line and a failing status', () => {
    const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../../scripts/test.mjs')], {
      cwd: resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'CHROMIUM_PATH is set to /nonexistent/chromium, which is not an executable file: point it at a Chromium or Chrome executable, or unset it, then run npm test again.',
    ]);
    // Neither vitest nor Playwright was started, and no summary claims anything.
    expect(run.stdout).toBe('');
  });
});
