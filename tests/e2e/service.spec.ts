// The local token service end to end (issue #4): an access key created in Settings → POS
// connections and read from its one-time "Access key" field lets a program on this machine get
// tokens the provider accepts; each hand-out shows in the card's history; revoking a key locks
// it out at once; a key limited to one profile cannot read another; the key is never shown
// again. A profile's token file holds a token the provider accepts, owner-only, is rewritten by
// "Refresh now" and removed with the profile. Neither keys nor tokens leak to the page beyond
// the one answer that must carry the new key.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { PosConnectionsPage, SettingsPage } from './pages/settings';
import { addProfile, valuesOf } from './support/flows';
import type { FrameLog } from './support/frames';
import { heldTokens, tokenFingerprints } from './support/held-tokens';
import { randomAccount } from './support/sandbox';
import { requestToken, serviceGet } from './support/token-service';

// Each test's host lets the token service pick a free port, and says which on stdout.
test.use({ hostOptions: { servicePort: 0 } });

/**
 * No secret and no token in anything the page received or sent; an access key only in the
 * answer to the createAccessKey call that made it (the user must see it once), exactly once.
 */
function expectNoLeaks(frames: FrameLog, opts: { secrets: string[]; tokens: Iterable<string>; keys?: string[] }): void {
  const pieces = [...new Set(opts.tokens)].flatMap(tokenFingerprints);
  const received = frames.receivedWithMethods();
  expect(received.length).toBeGreaterThan(0);
  for (const { method, payload } of received) {
    for (const secret of opts.secrets) expect(payload, 'a secret reached the page').not.toContain(secret);
    for (const piece of pieces) expect(payload, 'a token reached the page').not.toContain(piece);
    for (const key of opts.keys ?? [])
      if (payload.includes(key)) expect(method, 'an access key outside its creation answer').toBe('createAccessKey');
  }
  for (const key of opts.keys ?? [])
    expect(
      received.filter(({ payload }) => payload.includes(key)),
      'frames carrying the new key',
    ).toHaveLength(1);
  for (const payload of frames.sent()) {
    for (const piece of pieces) expect(payload, 'the page sent a token').not.toContain(piece);
    for (const key of opts.keys ?? []) expect(payload, 'the page sent an access key back').not.toContain(key);
  }
}

test('a key created in Settings lets a POS program get tokens, until it is revoked', async ({
  app: page,
  host,
  sandbox,
  frames,
  context,
}) => {
  const till = randomAccount('factus');
  const loja = randomAccount('invoisys');
  await sandbox.addAccount('factus', till.credentials);
  await sandbox.addAccount('invoisys', loja.credentials);
  await addProfile(page, { name: 'Till 1', provider: 'factus', values: valuesOf(till) });
  await addProfile(page, { name: 'Loja 2', provider: 'invoisys', values: valuesOf(loja) });
  const dashboard = new DashboardPage(page);
  await dashboard.card('Till 1').expectStatus('Valid');
  await dashboard.card('Loja 2').expectStatus('Valid');

  const settings = new SettingsPage(page);
  const pos = new PosConnectionsPage(page);
  await settings.open();
  await expect(pos.serviceState).toHaveAttribute('data-service-state', 'off');
  await expect(pos.serviceStatus).toHaveText('Off. It starts when you create the first access key.');
  await expect(pos.section).toContainText('No access keys yet.');

  // A key needs a name.
  await pos.createButton.click();
  await expect(pos.keyNameError).toHaveText(/Required\./);
  await expect(pos.keyNameInput).toBeFocused();

  // The first key starts the service; the key is shown once, with a curl line to try it.
  const key = await pos.createKey('Till software');
  await expect(pos.accessKeyField).toBeFocused();
  await expect(pos.accessKeyField).toHaveAttribute('readonly', '');
  await expect(pos.newKeyPanel).toContainText('Tessera will not show it again');
  const serviceUrl = await host.serviceUrl();
  expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(pos.serviceState).toHaveAttribute('data-service-state', 'running');
  await expect(pos.serviceStatus).toHaveText(`Running at ${serviceUrl}`);
  await expect(pos.curlExample).toHaveText(`curl -H "Authorization: Bearer ${key}" ${serviceUrl}/v1/profiles/Till%201/token`);

  // "Copy key" puts exactly the key on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await pos.copyKeyButton.click();
  await expect(pos.newKeyPanel.getByRole('button', { name: 'Copied' })).toBeVisible();
  // (The test files compile without the DOM library, hence the cast.)
  const clipboard = () =>
    (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();
  expect(await page.evaluate(clipboard)).toBe(key);

  const listed = pos.key('Till software');
  await expect(listed).toContainText(`${key.slice(0, 8)}…`);
  await expect(listed.locator('[data-fact="last-used"] dd')).toHaveText('never');
  await expect(listed.locator('[data-fact="profiles"] dd')).toHaveText('All profiles');

  // A POS program asks with it, and the provider accepts what it gets.
  const first = await requestToken(serviceUrl, key, 'Till 1');
  expect(first.status).toBe(200);
  expect(first.tokenType).toBe('Bearer');
  expect(first.expiresIn).toBeGreaterThan(60);
  expect(await sandbox.acceptsToken('factus', first.accessToken!)).toBe(true);

  // Names are unique, whatever the case.
  await pos.keyNameInput.fill('till SOFTWARE');
  await pos.createButton.click();
  await expect(pos.keyNameError).toHaveText(/Another access key already has this name\./);

  // A key limited to one profile reads that one only. Creating it replaces the first key's panel.
  const limited = await pos.createKey('Back office', ['Loja 2']);
  expect(limited).not.toBe(key);
  await expect(pos.accessKeyField).toHaveValue(limited);
  await expect(pos.curlExample).toContainText('/v1/profiles/Loja%202/token');
  await expect(pos.key('Back office').locator('[data-fact="profiles"] dd')).toHaveText('Loja 2');
  const refused = await requestToken(serviceUrl, limited, 'Till 1');
  // The same answer as a profile that does not exist: the key cannot tell the two apart.
  expect(refused).toMatchObject({ status: 404, code: 'profile_not_found' });
  expect(await requestToken(serviceUrl, limited, 'No such till')).toEqual(refused);
  const lojaToken = await requestToken(serviceUrl, limited, 'Loja 2');
  expect(lojaToken.status).toBe(200);
  expect(await sandbox.acceptsToken('invoisys', lojaToken.accessToken!)).toBe(true);

  // What a program can list: the profiles its key reaches, with their state, never a token.
  const listing = await serviceGet(serviceUrl, limited, '/v1/profiles');
  expect(listing.status).toBe(200);
  expect(JSON.parse(listing.text)).toEqual({
    profiles: [expect.objectContaining({ name: 'Loja 2', provider: 'invoisys', state: 'valid' })],
  });
  const everything = JSON.parse((await serviceGet(serviceUrl, key, '/v1/profiles')).text) as { profiles: { name: string }[] };
  expect(everything.profiles.map((p) => p.name).sort()).toEqual(['Loja 2', 'Till 1']);
  const nowhere = await serviceGet(serviceUrl, key, '/v1/nowhere');
  expect(nowhere.status).toBe(404);
  expect(nowhere.text).toContain('GET /v1/profiles');

  // The hand-out is in the card's history, under the key's name.
  await dashboard.goto();
  const card = dashboard.card('Till 1');
  await card.openHistory();
  await expect(card.historyItems.filter({ hasText: 'Token handed to Till software' })).toHaveCount(1);

  // Back in Settings the key is not shown again (only its first characters), and its use is.
  await settings.open();
  await expect(pos.key('Till software')).toBeVisible();
  await expect(pos.accessKeyField).toHaveCount(0);
  await expect(pos.curlExample).toHaveCount(0);
  await expect(pos.key('Till software').locator('[data-fact="last-used"] dd')).not.toHaveText('never');
  const html = await page.content();
  expect(html).not.toContain(key);
  expect(html).not.toContain(limited);

  // Revoked: the very next request is refused; the other key still works.
  await pos.revoke('Till software');
  expect(await requestToken(serviceUrl, key, 'Till 1')).toMatchObject({ status: 401, code: 'unauthorized' });
  expect((await requestToken(serviceUrl, limited, 'Loja 2')).status).toBe(200);
  await expect(pos.serviceState).toHaveAttribute('data-service-state', 'running');

  // The last key revoked, the service stops.
  await pos.revoke('Back office');
  await expect(pos.serviceState).toHaveAttribute('data-service-state', 'off');
  await expect(pos.section).toContainText('No access keys yet.');

  const tokens = [first.accessToken!, lojaToken.accessToken!, ...(await heldTokens(host.dataDir))];
  expectNoLeaks(frames, { secrets: [...till.secrets, ...loja.secrets], tokens, keys: [key, limited] });
});

test('a token file holds an accepted token, owner-only, renewed with the profile and removed with it', async ({
  app: page,
  sandbox,
  host,
  frames,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-token-file-'));
  try {
    const account = randomAccount('factus');
    await sandbox.addAccount('factus', account.credentials);
    await addProfile(page, { name: 'Till 1', provider: 'factus', values: valuesOf(account) });
    const dashboard = new DashboardPage(page);
    const card = dashboard.card('Till 1');
    await card.expectStatus('Valid');
    await expect(card.tokenFile.locator('summary')).toHaveText('Token file off');

    // Core's field errors, next to the field.
    await card.setTokenFile('till.token');
    await expect(card.tokenFileError).toHaveText(/Enter a full path/);
    await expect(card.tokenFileInput).toBeFocused();
    await card.setTokenFile(join(folder, 'missing', 'till.token'));
    await expect(card.tokenFileError).toHaveText(/This folder does not exist\./);
    await card.setTokenFile(folder);
    await expect(card.tokenFileError).toHaveText(/This is a folder\./);

    const path = join(folder, 'till.token');
    await card.setTokenFile(path);
    await expect(card.tokenFileError).toHaveCount(0);
    await expect(card.tokenFilePath).toHaveText(path);
    await expect.poll(() => existsSync(path)).toBe(true);
    const first = readFileSync(path, 'utf8');
    expect(first).toMatch(/^\S+\n$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await sandbox.acceptsToken('factus', first.trim())).toBe(true);

    // "Refresh now" rewrites it with the new token, still owner-only.
    const issuedAt = await card.issuedAt();
    await card.refreshNowButton.click();
    await expect.poll(() => card.issuedAt()).toBeGreaterThan(issuedAt);
    await expect.poll(() => readFileSync(path, 'utf8')).not.toBe(first);
    const second = readFileSync(path, 'utf8');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await sandbox.acceptsToken('factus', second.trim())).toBe(true);

    // Kept across a reload of the page (it is the profile's setting, not the page's).
    await openApp(page, host.url);
    await expect(card.tokenFilePath).toHaveText(path);

    // Clear removes the file; setting it again writes it back.
    await card.clearTokenFile();
    await expect(card.tokenFile.locator('summary')).toHaveText('Token file off');
    await expect(card.tokenFileInput).toBeFocused();
    await expect.poll(() => existsSync(path)).toBe(false);
    await card.setTokenFile(path);
    await expect.poll(() => existsSync(path)).toBe(true);
    const third = readFileSync(path, 'utf8');

    // Removing the profile deletes the file.
    await card.removeButton.click();
    await dashboard.dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(card.root).toHaveCount(0);
    await expect.poll(() => existsSync(path)).toBe(false);

    expectNoLeaks(frames, { secrets: account.secrets, tokens: [first.trim(), second.trim(), third.trim()] });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the service port and token margin are checked next to their fields and saved', async ({ app: page, host }) => {
  const settings = new SettingsPage(page);
  const pos = new PosConnectionsPage(page);
  await settings.open();
  await expect(pos.portInput).toHaveValue('7478');
  await expect(pos.marginInput).toHaveValue('60');

  await pos.portInput.fill('80');
  await pos.marginInput.fill('5000');
  await pos.saveOptionsButton.click();
  await expect(pos.fieldError('servicePort')).toHaveText(/Choose a port from 1024 to 65535\./);
  await expect(pos.fieldError('tokenMarginSeconds')).toHaveText(/Enter a number of seconds from 0 to 3600\./);
  await expect(pos.portInput).toBeFocused();
  await expect(pos.portInput).toHaveAttribute('aria-invalid', 'true');

  await pos.portInput.fill('7479');
  await expect(pos.fieldError('servicePort')).toHaveCount(0);
  await pos.marginInput.fill('120');
  await pos.saveOptionsButton.click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(pos.fieldError('tokenMarginSeconds')).toHaveCount(0);

  // Saved in core: a new page (and the host's own answer) has the new values.
  await openApp(page, host.url);
  await settings.open();
  await expect(pos.portInput).toHaveValue('7479');
  await expect(pos.marginInput).toHaveValue('120');
});
