// Issue 10, finding 5, as a user meets it: one sealed value of the store is damaged while the
// host is stopped. After the restart the banner counts exactly what was left out, the damaged
// copy is kept, the profile that lost its client secret asks for that one by name (and sends
// nothing meanwhile), the other profile keeps working, and typing the secret again is all it takes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

test('one damaged secret costs that secret alone, and the banner says what was dropped', async ({ app: page, host, sandbox }) => {
  const a = randomAccount('ereceipt');
  const b = randomAccount('factus');
  await sandbox.addAccount('ereceipt', a.credentials);
  await sandbox.addAccount('factus', b.credentials);
  await addProfile(page, { name: 'Till A', provider: 'ereceipt', values: valuesOf(a) });
  await addProfile(page, { name: 'Till B', provider: 'factus', values: valuesOf(b) });
  const dashboard = new DashboardPage(page);
  await dashboard.card('Till A').expectStatus('Valid');
  await dashboard.card('Till B').expectStatus('Valid');
  const idA = await dashboard.card('Till A').root.getAttribute('data-profile-id');

  const file = join(host.dataDir, 'tessera.json');
  let damaged = '';
  await host.restart(() => {
    // Bit rot in one sealed value: still tagged, no longer opens.
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, Record<string, string>> };
    const sealed = doc.secrets[idA!]!.clientSecret!;
    damaged = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
    doc.secrets[idA!]!.clientSecret = damaged;
    writeFileSync(file, JSON.stringify(doc));
  });
  // A new sandbox came up with the host: it knows the accounts again.
  await sandbox.addAccount('ereceipt', a.credentials);
  await sandbox.addAccount('factus', b.credentials);
  await openApp(page, host.url);

  const banner = dashboard.banner('store-repaired');
  await expect(banner.getByRole('heading')).toHaveText('Some saved data was damaged');
  await expect(banner.locator('.banner__body')).toHaveText(
    /^Tessera left out what it could not read \(secrets: 1\) and kept a copy of the original file at (\S+tessera\.json\.damaged-\S+)\. Profiles that lost a secret show “Needs attention”: edit them and type it again\.$/,
  );
  const keptAt = /at (\S+)\. Profiles/.exec((await banner.locator('.banner__body').textContent()) ?? '')![1]!;
  expect(existsSync(keptAt)).toBe(true);
  expect(readFileSync(keptAt, 'utf8')).toContain(damaged);

  const tillA = dashboard.card('Till A');
  await tillA.expectStatus('Needs attention');
  await expect(tillA.failure.locator('.failure__text')).toHaveText(
    'Type the client secret again: what was stored could not be read, so Tessera set it aside. Use “Edit” to type it.',
  );
  await dashboard.card('Till B').expectStatus('Valid');
  // Till A sends nothing without its client secret.
  expect(await sandbox.tokenRequests('ereceipt')).toBe(0);

  // Editing: the client secret is asked for, the pre-shared key is still stored.
  await tillA.editButton.click();
  const wizard = new WizardPage(page);
  await wizard.expectOpen('Edit “Till A”');
  await expect(page.locator('[data-field="clientSecret"] .badge--stored')).toHaveCount(0);
  await expect(page.locator('[data-field="clientSecret"] .field__hint')).toHaveText('The stored value could not be read. Type it again.');
  await expect(page.locator('[data-field="preSharedKey"] .badge--stored')).toHaveText('Stored');
  await wizard.saveButton.click();
  await expect(wizard.fieldError('clientSecret')).toHaveText(/Required\./);
  await wizard.fill({ clientSecret: a.credentials.clientSecret! });
  await wizard.saveButton.click();
  await expect(dashboard.heading).toHaveText('Profiles');
  await tillA.expectStatus('Valid');
  // Its token from before the restart still works, so the edit is tested before it replaces that
  // token (issue 11), then the saved profile signs in: two sign-ins, both with the typed secret.
  expect(await sandbox.tokenRequests('ereceipt')).toBe(2);
  expect((await sandbox.stats('ereceipt')).logins).toBe(2);
});
