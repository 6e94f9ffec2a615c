// The dashboard around the cards: the empty state, banners, editing with write-only secrets,
// removing with confirmation, the B2C warning and a lost connection.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

test('an empty dashboard invites to add a profile and says it is a development host', async ({ app: page }) => {
  const dashboard = new DashboardPage(page);
  await expect(dashboard.heading).toHaveText('Profiles');
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  await expect(dashboard.addProfileButton).toHaveCount(1);
  await expect(dashboard.refreshAllButton).toHaveCount(0);
  await expect(dashboard.banner('development-only')).toContainText('Development host');
});

test('editing keeps stored secrets unless replaced, and the provider stays fixed', async ({ app: page, sandbox, frames }) => {
  const account = randomAccount('multinexo');
  await sandbox.addAccount('multinexo', account.credentials);
  await addProfile(page, { name: 'Caja 1', provider: 'multinexo', values: valuesOf(account) });
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  const card = dashboard.card('Caja 1');
  await card.expectStatus('Valid');
  const loginsBefore = (await sandbox.stats('multinexo')).logins;

  await card.editButton.click();
  await wizard.expectOpen('Edit “Caja 1”');
  await expect(wizard.providerGroup.getByRole('radio', { name: 'Multinexo', exact: true })).toBeChecked();
  await expect(wizard.providerGroup.getByRole('radio', { name: 'Multinexo', exact: true })).toBeDisabled();
  await expect(wizard.field('clientId')).toHaveValue(account.credentials.clientId!);
  for (const secret of ['clientSecret', 'password'] as const) {
    await expect(wizard.field(secret)).toHaveValue('');
    await expect(page.locator(`[data-field="${secret}"] .badge--stored`)).toHaveText('Stored');
  }
  // Blank secrets mean "keep": the test sign-in uses the stored ones.
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
  await wizard.nameInput.fill('Caja 1 (mostrador)');
  await wizard.saveButton.click();

  const renamed = dashboard.card('Caja 1 (mostrador)');
  await renamed.expectStatus('Valid');
  await expect(dashboard.cards).toHaveCount(1);
  // Only the name changed: the token was kept, no new sign-in (beyond the test).
  expect((await sandbox.stats('multinexo')).logins).toBe(loginsBefore + 1);

  // The stored secrets never came back to the page.
  for (const payload of frames.received()) for (const secret of account.secrets) expect(payload).not.toContain(secret);

  // Replacing a secret with a wrong one makes the profile need attention (once saved anyway:
  // the edit is tested first, and a failed test asks before the working token is given up).
  await renamed.editButton.click();
  await wizard.field('password').fill('a-wrong-password');
  await wizard.saveButton.click();
  await expect(wizard.saveAnywayDialog).toContainText('Save anyway?');
  await wizard.saveAnywayDialog.getByRole('button', { name: 'Save anyway', exact: true }).click();
  await renamed.expectStatus('Needs attention');
  await expect(renamed.failure).toContainText('The username or password was rejected.');
});

test('removing asks first; Escape keeps the profile', async ({ app: page }) => {
  await addProfile(page, { name: 'Old till', provider: 'invoisys', demo: true });
  const dashboard = new DashboardPage(page);
  const card = dashboard.card('Old till');
  await card.expectStatus('Valid');

  await card.removeButton.click();
  await expect(dashboard.dialog).toBeVisible();
  await expect(dashboard.dialog).toContainText('Remove “Old till”?');
  await expect(dashboard.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dashboard.dialog).toHaveCount(0);
  await expect(card.removeButton).toBeFocused();
  await expect(card.root).toBeVisible();

  await card.removeButton.click();
  await dashboard.dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(card.root).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
});

test('a taxpayer without the B2C tag is warned about', async ({ app: page, sandbox }) => {
  const account = randomAccount('ereceipt', { tags: ['B2B'] });
  await sandbox.addAccount('ereceipt', account.credentials, account.extras);
  await addProfile(page, { name: 'Wholesale', provider: 'ereceipt', values: valuesOf(account), test: 'ok' });
  const card = new DashboardPage(page).card('Wholesale');
  await card.expectStatus('Valid');
  await expect(card.root.locator('.tag')).toHaveText(['B2B']);
  await expect(card.root.locator('[data-warning="b2c-missing"]')).toHaveText(/Only B2C taxpayers may submit receipts\./);
});

test('a lost connection to the host is announced', async ({ app: page, host }) => {
  const dashboard = new DashboardPage(page);
  await host.stop();
  await expect(dashboard.banner('connection-lost')).toContainText('Connection to Tessera lost');
  await expect(dashboard.banner('connection-lost').getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('a damaged store is reported with where the original was kept', async ({ app: page, host }) => {
  await addProfile(page, { name: 'Soon damaged', provider: 'factus', demo: true });
  await host.stop();
  writeFileSync(join(host.dataDir, 'tessera.json'), '{"profiles": [ this is not JSON');
  await host.restart();
  await openApp(page, host.url);
  const banner = new DashboardPage(page).banner('store-unreadable');
  await expect(banner).toContainText('Saved data could not be read');
  await expect(banner).toContainText(join(host.dataDir, 'tessera.json.unreadable-'));
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
});
