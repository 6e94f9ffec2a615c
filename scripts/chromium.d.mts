// Types of scripts/chromium.mjs, for playwright.config.ts and the unit tests.

export interface ChromiumOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  home?: string;
  isExecutable?: (path: string) => boolean;
  listDir?: (path: string) => string[];
  isRoot?: boolean;
  hasApt?: boolean;
  install?: () => { ok: true } | { ok: false; detail: string };
  log?: (line: string) => void;
}

export type ChromiumSource = 'CHROMIUM_PATH' | 'Debian package' | 'Playwright cache';
export type FoundChromium = { path: string; source: ChromiumSource; problem?: undefined } | { problem: string; path?: undefined };

export declare const DEBIAN_CHROMIUM: string;
export declare function playwrightCacheDir(options?: ChromiumOptions): string;
export declare function findChromium(options?: ChromiumOptions): FoundChromium | undefined;
export declare function missingChromiumMessage(options?: ChromiumOptions): string;
export declare function aptInstallChromium(): { ok: true } | { ok: false; detail: string };
export declare function ensureChromium(
  options?: ChromiumOptions,
): { ok: true; path: string; source: ChromiumSource; installed?: true } | { ok: false; message: string };
