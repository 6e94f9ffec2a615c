// The token file in the desktop app (issue 10, finding 2): the path comes from main's native
// save dialog, never from the page. "Choose file…" on the card opens it; a path the renderer
// sends itself is refused (`forbidden`); the chosen file still passes core's checks. The dialog
// is answered by replacing dialog.showSaveDialog in main, the way a user's click would.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ProfileDraft, ProfileView } from '#common/contract';

import { findProvider } from '../../electron/core/providers';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

function factusSandboxDraft(name: string): ProfileDraft {
  const demo = findProvider('factus')!.info.sandboxDemo;
  return { name, provider: 'factus', environment: { kind: 'sandbox' }, credentials: { ...demo } };
}

test('the token file is chosen in main’s save dialog, and a path from the page is refused', async ({ app, page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-electron-token-'));
  try {
    const created = await page.evaluate(
      (draft) => (globalThis as unknown as PageGlobals).tessera!.createProfile(draft),
      factusSandboxDraft('Till 1'),
    );
    expect(created.ok).toBe(true);
    const id = (created as { ok: true; value: ProfileView }).value.id;
    const card = page.getByRole('region', { name: 'Till 1', exact: true });
    await expect(card.getByRole('status')).toHaveText('Valid');

    // The page naming a file itself: refused, nothing written.
    const typed = join(folder, 'typed.token');
    const refused = await page.evaluate(({ id, path }) => (globalThis as unknown as PageGlobals).tessera!.setFileSink({ id, path }), {
      id,
      path: typed,
    });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(typed)).toBe(false);

    // The dialog answers with a file that exists: core refuses it next to the button.
    const existing = join(folder, 'existing.token');
    writeFileSync(existing, 'keep me\n');
    const answer = (path: string | null) =>
      app.evaluate(({ dialog }, chosen) => {
        dialog.showSaveDialog = () => Promise.resolve({ canceled: chosen === null, filePath: chosen ?? '' });
      }, path);
    await answer(existing);
    await card.locator('summary', { hasText: 'Token file' }).click();
    await expect(card.getByLabel('Token file', { exact: true })).toHaveCount(0);
    await card.getByRole('button', { name: 'Choose file…' }).click();
    await expect(card.locator('.token-file .field__error')).toHaveText(/A file with this name already exists\./);
    expect(readFileSync(existing, 'utf8')).toBe('keep me\n');

    // Cancelled: nothing changes.
    await answer(null);
    await card.getByRole('button', { name: 'Choose file…' }).click();
    await expect(card.locator('.token-file__path')).toHaveCount(0);

    // A new file: Tessera creates it, owner-only, and shows where.
    const chosen = join(folder, 'till.token');
    await answer(chosen);
    await card.getByRole('button', { name: 'Choose file…' }).click();
    await expect(card.locator('.token-file__path')).toHaveText(chosen);
    await expect.poll(() => existsSync(chosen)).toBe(true);
    expect(readFileSync(chosen, 'utf8')).toMatch(/^\S+\n$/);
    if (process.platform !== 'win32') expect(statSync(chosen).mode & 0o777).toBe(0o600);

    // Clear needs no path and stays allowed: the file Tessera wrote goes.
    await card.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(card.locator('.token-file__path')).toHaveCount(0);
    await expect.poll(() => existsSync(chosen)).toBe(false);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
