// Issue 10, finding 2, in the browser host over its real HTTP and WebSocket: the token file may
// not go under the folder the host serves (the token would be downloadable without the key),
// nor in Tessera's data folder, over an existing file or in a folder others can write to; and
// a file that no longer holds what Tessera wrote is neither renewed nor deleted.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

test('the token file refuses the served folder, the data folder, an existing file and an open folder', async ({
  app: page,
  host,
  sandbox,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-token-rules-'));
  const served = join(RENDERER_DIR, `till-${Date.now()}.token`);
  try {
    const account = randomAccount('factus');
    await sandbox.addAccount('factus', account.credentials);
    await addProfile(page, { name: 'Till 1', provider: 'factus', values: valuesOf(account) });
    const card = new DashboardPage(page).card('Till 1');
    await card.expectStatus('Valid');

    // Under the folder the host serves: refused, so nothing there to download without the key.
    await card.setTokenFile(served);
    await expect(card.tokenFileError.or(card.tokenFilePath)).toBeVisible();
    const download = await fetch(`${host.origin}/${served.split('/').at(-1)}`);
    expect(download.status, 'the token, served to anyone without the key').toBe(404);
    expect(existsSync(served)).toBe(false);
    await expect(card.tokenFileError).toHaveText(/This is inside Tessera’s own folders\./);

    await card.setTokenFile(join(host.dataDir, 'till.token'));
    await expect(card.tokenFileError).toHaveText(/This is inside Tessera’s own folders\./);

    const existing = join(folder, 'printer.ini');
    writeFileSync(existing, 'port=COM3\n');
    await card.setTokenFile(existing);
    await expect(card.tokenFileError).toHaveText(/A file with this name already exists\./);
    expect(readFileSync(existing, 'utf8')).toBe('port=COM3\n');

    const open = mkdtempSync(join(tmpdir(), 'tessera-open-'));
    chmodSync(open, 0o777);
    await card.setTokenFile(join(open, 'till.token'));
    await expect(card.tokenFileError).toHaveText(/Other users can write to this folder/);
    rmSync(open, { recursive: true, force: true });

    // A new file in a folder of one's own: written.
    const path = join(folder, 'till.token');
    await card.setTokenFile(path);
    await expect(card.tokenFileError).toHaveCount(0);
    await expect(card.tokenFilePath).toHaveText(path);
    await expect.poll(() => existsSync(path)).toBe(true);

    // Someone replaces it: Tessera says it stopped, and neither renews nor deletes it.
    writeFileSync(path, 'not a token any more\n');
    const issuedAt = await card.issuedAt();
    await card.refreshNowButton.click();
    await expect.poll(() => card.issuedAt()).toBeGreaterThan(issuedAt);
    await card.openTokenFile();
    await expect(card.tokenFile.locator('.token-file__problem')).toHaveText(
      /Tessera stopped writing this file: something else changed or replaced it/,
    );
    expect(readFileSync(path, 'utf8')).toBe('not a token any more\n');
    await card.removeButton.click();
    await new DashboardPage(page).dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(card.root).toHaveCount(0);
    expect(readFileSync(path, 'utf8')).toBe('not a token any more\n');
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(served, { force: true });
  }
});
