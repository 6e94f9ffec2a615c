// Screenshots into test-results/screenshots/, and the viewports the dashboard is checked at.
// A full-page picture unrolls the app's scrolling area first (html[data-layout=document]), so it
// shows the whole screen, not only what fits the window.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Page } from '@playwright/test';

export const SHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');

export const VIEWPORTS = {
  wide: { width: 1280, height: 800 },
  medium: { width: 1024, height: 768 },
  small: { width: 800, height: 600 },
} as const;

/** The page's document, typed for page.evaluate (the tests' tsconfig has no DOM library). */
type Doc = { documentElement: { dataset: Record<string, string | undefined> } };

async function setLayout(page: Page, layout: string | undefined): Promise<void> {
  await page.evaluate((value) => {
    const root = (globalThis as unknown as { document: Doc }).document.documentElement;
    if (value) root.dataset.layout = value;
    else delete root.dataset.layout;
  }, layout);
}

export async function saveScreenshot(page: Page, name: string, opts: { fullPage?: boolean; path?: string } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (opts.fullPage) await setLayout(page, 'document');
  try {
    await page.screenshot({ path: opts.path ?? resolve(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? false, animations: 'disabled' });
  } finally {
    if (opts.fullPage) await setLayout(page, undefined);
  }
}
