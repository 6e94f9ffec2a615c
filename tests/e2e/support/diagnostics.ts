// "Copy diagnostics" as a test meets it: press the button, wait for its confirmation, read what
// landed on the clipboard, and hand that text to the leak sweep as a copied-diagnostics artifact.
// The page's origin must have been granted clipboard access (grantClipboard).
import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';

import { currentLeaks } from './leaks';

export async function grantClipboard(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
}

/**
 * Clicks "Copy diagnostics" (by its name in the language shown) within `scope`, waits for the
 * button to say it copied, and returns the report.
 */
export async function copyDiagnostics(page: Page, scope: Locator, name: string, source: string): Promise<string> {
  // Whatever was there before must not pass for the report.
  await page.evaluate(() =>
    (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(''),
  );
  await scope.getByRole('button', { name, exact: true }).click();
  await expect(scope.locator('[data-copy-diagnostics="copied"]')).toBeVisible();
  // (The test files compile without the DOM library, hence the cast.)
  const text = await page.evaluate(() =>
    (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
  );
  currentLeaks()?.diagnostics(text, source);
  return text;
}
