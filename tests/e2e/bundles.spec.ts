// Profile bundles through the page (issue #12 §1, §4): five providers exported with their
// secrets and imported on a fresh terminal with its own POS serial, all signing in against the
// built-in sandbox; a template whose secrets the importer types, with a name clash settled per
// profile; and the refusals (wrong passphrase, a changed file, not a bundle, a bad export form),
// each with its message and nothing imported. Every bundle goes to the leak sweep.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, openApp, test } from './fixtures';
import { BundlesPage } from './pages/bundles';
import { DashboardPage } from './pages/dashboard';
import { SettingsPage } from './pages/settings';
import { PROVIDER_LABELS } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { heldTokens } from './support/held-tokens';
import { startHost, stopHost } from './support/host';
import { type ProviderId, randomAccount, SandboxControls, type TestAccount } from './support/sandbox';

const PROVIDERS = Object.keys(PROVIDER_LABELS) as ProviderId[];
const PASSPHRASE = 'till-fleet passphrase 2026';

/** Opening a bundle runs scrypt (2^18) once: seconds, many on a loaded machine. */
const SCRYPT = { timeout: 60_000 };

function storedProfiles(dataDir: string): string[] {
  if (!existsSync(join(dataDir, 'tessera.json'))) return [];
  const doc = JSON.parse(readFileSync(join(dataDir, 'tessera.json'), 'utf8')) as { profiles: { name: string }[] };
  return doc.profiles.map((p) => p.name);
}

test('five providers exported with their secrets, imported on a fresh terminal with its own POS serial, all signed in', async ({
  app: page,
  sandbox,
  context,
  leaks,
}, testInfo) => {
  // Five wizard runs, two scrypt passes and a second host: long on a busy machine.
  test.setTimeout(300_000);
  const accounts = PROVIDERS.map((p) => randomAccount(p));
  for (const a of accounts) await sandbox.addAccount(a.provider, a.credentials);
  for (const a of accounts) await addProfile(page, { name: `Till ${a.provider}`, provider: a.provider, values: valuesOf(a) });
  const dashboard = new DashboardPage(page);
  for (const a of accounts) await dashboard.card(`Till ${a.provider}`).expectStatus('Valid', 30_000);

  await new SettingsPage(page).open();
  const bundles = new BundlesPage(page);
  const file = testInfo.outputPath('fleet.tessera');
  await bundles.export(file, { passphrase: PASSPHRASE });
  await expect(bundles.section).toContainText(/Exported to tessera-profiles-.*\.tessera \(profiles: 5\)\./);
  expect(readFileSync(file).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');

  // The next terminal: its own data folder, host and sandbox, where its POS serial is registered.
  const dirB = mkdtempSync(join(tmpdir(), 'tessera-e2e-b-'));
  const hostB = await startHost(dirB);
  try {
    const sandboxB = new SandboxControls(() => ({ origin: hostB.origin, accessKey: hostB.accessKey }));
    const serialB = `POS-B-${accounts[0]!.credentials.posSerial!.slice(4)}`;
    for (const a of accounts)
      await sandboxB.addAccount(a.provider, a.provider === 'ereceipt' ? { ...a.credentials, posSerial: serialB } : a.credentials);
    const pageB = await context.newPage();
    await openApp(pageB, hostB.url);
    await new SettingsPage(pageB).open();
    const importer = new BundlesPage(pageB);
    await importer.open(file, PASSPHRASE);

    // The preview: each profile, its provider and environment, and what it still needs.
    await expect(importer.dialog).toContainText('fleet.tessera, made on', SCRYPT);
    await expect(importer.dialog).toContainText('It holds the profiles’ secrets.');
    for (const a of accounts) {
      const row = importer.row(`Till ${a.provider}`);
      await expect(row).toContainText(`${PROVIDER_LABELS[a.provider]} · Sandbox (built-in)`);
      await expect(row.locator('[data-needs]')).toHaveText(
        a.provider === 'ereceipt' ? 'To give: POS serial, POS OS version' : 'Nothing missing',
      );
    }
    await expect(importer.field('POS OS version')).not.toHaveValue('');
    await pageB.screenshot({ path: testInfo.outputPath('import-preview.png') });

    // Without this terminal's serial the import is refused, and says where.
    await importer.importSubmit.click();
    await expect(importer.formError).toHaveText('Some values need fixing. They are marked above.');
    await expect(importer.fieldError('POS serial')).toHaveText('✕ Required.');
    expect(storedProfiles(dirB)).toEqual([]);

    await importer.field('POS serial').fill(serialB);
    await importer.importSubmit.click();
    await expect(importer.dialog.getByRole('heading', { name: 'Imported' })).toBeVisible();
    for (const a of accounts) await expect(importer.rowStatus(`Till ${a.provider}`)).toHaveText('Valid', { timeout: 30_000 });
    await pageB.screenshot({ path: testInfo.outputPath('import-result.png') });
    await importer.dialog.getByRole('button', { name: 'Done' }).click();

    // The new terminal signed in with its own serial; the first one never did so.
    const ereceiptLog = await sandboxB.log('ereceipt');
    expect(ereceiptLog.filter((e) => e.headers.posserial).map((e) => e.headers.posserial)).toContain(serialB);
    expect((await sandbox.log('ereceipt')).some((e) => e.headers.posserial === serialB)).toBe(false);
    await pageB.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    for (const a of accounts) await new DashboardPage(pageB).card(`Till ${a.provider}`).expectStatus('Valid');
    await expect.poll(async () => (await heldTokens(dirB)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
  } finally {
    await stopHost(hostB);
    await hostB.closed;
    leaks.hostOutput(hostB.output);
    // The data folder after import goes to the sweep too.
    await heldTokens(dirB);
    leaks.copyDataDir(dirB);
    rmSync(dirB, { recursive: true, force: true });
  }
});

test('a template: the importer types each secret, settles the name clashes, and each profile signs in', async ({
  app: page,
  sandbox,
  host,
}, testInfo) => {
  test.setTimeout(180_000);
  const ereceipt = randomAccount('ereceipt');
  const factus = randomAccount('factus');
  for (const a of [ereceipt, factus]) await sandbox.addAccount(a.provider, a.credentials);
  await addProfile(page, { name: 'Counter E', provider: 'ereceipt', values: valuesOf(ereceipt) });
  await addProfile(page, { name: 'Counter F', provider: 'factus', values: valuesOf(factus) });

  await new SettingsPage(page).open();
  const bundles = new BundlesPage(page);
  const file = testInfo.outputPath('template.tessera');
  await bundles.export(file, { passphrase: PASSPHRASE, withSecrets: false });

  // Imported here again: both names clash, the template lacks every secret.
  await bundles.open(file, PASSPHRASE);
  await expect(bundles.dialog).toContainText('It is a template: type the secrets each profile needs.', SCRYPT);
  await expect(bundles.row('Counter E').locator('[data-needs]')).toHaveText('To give: Client secret, POS serial, POS OS version');
  await expect(bundles.row('Counter F').locator('[data-needs]')).toHaveText('To give: Client secret, Password');
  await expect(bundles.row('Counter E')).toContainText('A profile named “Counter E” already exists here (eReceipt (ETA Egypt)).');
  await bundles.importSubmit.click();
  // Everything that needs fixing is marked at once.
  await expect(bundles.formError).toHaveText('Some values need fixing. They are marked above.');
  await expect(bundles.row('Counter E').locator('.field__error').first()).toHaveText('✕ Choose what to do with this profile.');
  await expect(bundles.fieldError('POS serial')).toHaveText('✕ Required.');
  expect(storedProfiles(host.dataDir)).toEqual(['Counter E', 'Counter F']);

  // Counter E under a new name, with its secrets typed; Counter F replaced in place, keeping its stored secrets.
  await bundles.row('Counter E').getByRole('radio', { name: 'Import it under another name' }).check();
  await expect(bundles.row('Counter E').getByLabel('New name', { exact: true })).toHaveValue('Counter E (2)');
  await bundles.typeSecret('Counter E', 'Client secret', ereceipt.credentials.clientSecret!);
  // The pre-shared key is optional (most tills go without), but this till's sandbox asks for one.
  await expect(bundles.row('Counter E').locator('[data-field="preSharedKey"]')).toContainText('optional');
  await expect(bundles.row('Counter F').getByLabel('Pre-shared key', { exact: true })).toHaveCount(0);
  await bundles.typeSecret('Counter E', 'Pre-shared key', ereceipt.credentials.preSharedKey!);
  await bundles.field('POS serial').fill(ereceipt.credentials.posSerial!);
  await bundles.row('Counter F').getByRole('radio', { name: 'Replace the existing one' }).check();
  await expect(bundles.row('Counter F')).toContainText('Leave empty to keep the stored one.');
  await page.screenshot({ path: testInfo.outputPath('template-preview.png') });
  await bundles.importSubmit.click();

  await expect(bundles.row('Counter E (2)')).toContainText('new');
  await expect(bundles.row('Counter F')).toContainText('replaced');
  await expect(bundles.rowStatus('Counter E (2)')).toHaveText('Valid', { timeout: 30_000 });
  await expect(bundles.rowStatus('Counter F')).toHaveText('Valid', { timeout: 30_000 });
  await bundles.dialog.getByRole('button', { name: 'Done' }).click();
  expect(storedProfiles(host.dataDir).sort()).toEqual(['Counter E', 'Counter E (2)', 'Counter F']);
});

test('refusals: wrong passphrase, a changed file, not a bundle, a bad export form; nothing imported', async ({
  app: page,
  sandbox,
  host,
}, testInfo) => {
  test.setTimeout(180_000);
  const account: TestAccount = randomAccount('invoisys');
  await sandbox.addAccount('invoisys', account.credentials);
  await addProfile(page, { name: 'Till 1', provider: 'invoisys', values: valuesOf(account) });
  await new SettingsPage(page).open();
  const bundles = new BundlesPage(page);

  // The export form: a short passphrase, then two that differ; no file is offered meanwhile.
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  // Nine characters: one short of the minimum (and long enough for the leak sweep to search for).
  await bundles.fillExport({ passphrase: 'too-short', repeat: 'too-short' });
  await bundles.dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(bundles.fieldError('Passphrase')).toHaveText('✕ Use at least 10 characters.');
  await bundles.field('Passphrase').fill(PASSPHRASE);
  await bundles.field('Repeat the passphrase').fill(`${PASSPHRASE}!`);
  await bundles.dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(bundles.fieldError('Repeat the passphrase')).toHaveText('✕ The two passphrases differ.');
  await bundles.dialog.getByRole('checkbox').uncheck();
  await bundles.dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(bundles.dialog.getByRole('group', { name: 'Profiles to export' })).toContainText('Choose at least one profile.');
  expect(downloads).toBe(0);
  await bundles.dialog.getByRole('button', { name: 'Cancel' }).click();

  const file = testInfo.outputPath('one.tessera');
  await bundles.export(file, { passphrase: PASSPHRASE });
  const before = storedProfiles(host.dataDir);

  // A wrong passphrase: said next to the field; the file stays chosen, the right one opens it.
  await bundles.open(file, 'not the passphrase at all');
  await expect(bundles.fieldError('Passphrase')).toHaveText('✕ This passphrase does not open the file (or the file was changed).', SCRYPT);
  await bundles.field('Passphrase').fill(PASSPHRASE);
  await bundles.dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(bundles.row('Till 1')).toBeVisible(SCRYPT);
  await bundles.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(bundles.dialog).toHaveCount(0);

  // A changed byte near the end of the encrypted payload.
  const changed = testInfo.outputPath('changed.tessera');
  const bytes = readFileSync(file);
  bytes[bytes.length - 20]! ^= 0x01;
  writeFileSync(changed, bytes);
  await bundles.open(changed, PASSPHRASE);
  await expect(bundles.formError).toHaveText('The file is damaged: it was cut short or changed after it was made.', SCRYPT);
  await bundles.dialog.getByRole('button', { name: 'Cancel' }).click();

  // Not a bundle at all: refused before any passphrase is tried.
  const notes = testInfo.outputPath('notes.tessera');
  writeFileSync(notes, 'counter notes, not a bundle');
  await bundles.open(notes, PASSPHRASE);
  await expect(bundles.fieldError('Bundle file')).toHaveText('✕ This file is not a Tessera profile bundle.');
  await bundles.dialog.getByRole('button', { name: 'Cancel' }).click();

  expect(storedProfiles(host.dataDir)).toEqual(before);
});
