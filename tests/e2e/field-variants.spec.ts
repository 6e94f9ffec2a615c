// Issue 9 through the UI, against the built-in sandbox switched to behave as the live services
// are reported to: an eReceipt profile saved without framework or pre-shared key (optional in
// the wizard, with a hint saying when ETA asks for them), and the card's plain notes when a
// token's lifetime had to be assumed or its tags could not be read.
import { resolve } from 'node:path';

import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { PROVIDER_LABELS, WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

const screenshot = (name: string) => resolve(import.meta.dirname, `../../test-results/screenshots/${name}.png`);

test('an eReceipt profile without framework and pre-shared key signs in against the tolerant sandbox', async ({ app: page, sandbox }) => {
  const { credentials } = randomAccount('ereceipt');
  const bare = { clientId: credentials.clientId!, clientSecret: credentials.clientSecret!, posSerial: credentials.posSerial! };
  await sandbox.addAccount('ereceipt', bare);
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);

  await dashboard.addProfileButton.click();
  await wizard.nameInput.fill('Cairo till');
  await wizard.chooseProvider(PROVIDER_LABELS.ereceipt);
  await wizard.chooseEnvironment('Sandbox (built-in)');

  // Framework and key are marked optional, with a hint on when ETA asks for them; the serial
  // and OS version are not.
  for (const name of ['posFramework', 'preSharedKey'] as const) {
    const field = page.locator(`[data-field="${name}"]`);
    await expect(field.locator('.badge--optional')).toHaveText('optional');
    await expect(field.locator('.field__hint')).toContainText('Type it only if ETA');
    await expect(wizard.field(name)).not.toHaveAttribute('aria-required', 'true');
  }
  for (const name of ['posSerial', 'posOsVersion'] as const) {
    await expect(page.locator(`[data-field="${name}"] .badge--optional`)).toHaveCount(0);
    await expect(wizard.field(name)).toHaveAttribute('aria-required', 'true');
  }
  await wizard.fill(bare);
  await expect(wizard.field('posFramework')).toHaveValue('');
  await expect(wizard.field('preSharedKey')).toHaveValue('');

  // The strict, documented sandbox asks for the framework, and the explanation says to type it.
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'failed');
  await expect(wizard.testResult).toContainText('ETA expects one for this terminal');

  // As the live service is reported to behave, the two headers are optional.
  await sandbox.configure('ereceipt', { optionalPosHeaders: true });
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
  await page.screenshot({ path: screenshot('wizard-ereceipt-optional-en'), fullPage: true });
  await wizard.saveButton.click();

  const card = dashboard.card('Cairo till');
  await card.expectStatus('Valid');
  // Neither header was ever sent, not even empty.
  const requests = (await sandbox.log('ereceipt')).filter((e) => e.path === '/connect/token');
  expect(requests.length).toBe(3);
  for (const entry of requests) {
    expect(entry.headers).not.toHaveProperty('posmodelframework');
    expect(entry.headers).not.toHaveProperty('presharedkey');
    expect(entry.headers.posserial).toBe(bare.posSerial);
  }

  // Editing keeps them optional: the profile saves again without them.
  await card.editButton.click();
  await wizard.expectOpen('Edit “Cairo till”');
  await expect(page.locator('[data-field="preSharedKey"] .badge--optional')).toHaveText('optional');
  await wizard.saveButton.click();
  await card.expectStatus('Valid');
});

test('a stored pre-shared key can be removed when editing, and is then no longer sent', async ({ app: page, sandbox }) => {
  await sandbox.configure('ereceipt', { optionalPosHeaders: true });
  const account = randomAccount('ereceipt');
  // ETA registered this terminal without a key; the installer had typed one anyway.
  await sandbox.addAccount('ereceipt', { ...account.credentials, preSharedKey: '' });
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  await addProfile(page, { name: 'Alexandria till', provider: 'ereceipt', values: valuesOf(account) });
  const card = dashboard.card('Alexandria till');
  await card.expectStatus('Valid');
  expect((await sandbox.log('ereceipt')).at(-1)?.headers.presharedkey).toBe('[secret]');

  await card.editButton.click();
  const field = page.locator('[data-field="preSharedKey"]');
  await expect(field.locator('.badge--stored')).toHaveText('Stored');
  // The serial's stored-less plain field and the required client secret offer no removal.
  await expect(page.locator('[data-field="clientSecret"]').getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await field.getByRole('button', { name: 'Remove the stored value: Pre-shared key' }).click();
  await expect(field.locator('.badge--removing')).toHaveText('Will be removed');
  await expect(field.locator('.field__hint')).toContainText('deleted when you save');
  // Changed my mind, then removed it after all.
  await field.getByRole('button', { name: 'Keep the stored value: Pre-shared key' }).click();
  await expect(field.locator('.badge--stored')).toHaveText('Stored');
  await field.getByRole('button', { name: 'Remove the stored value: Pre-shared key' }).click();
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
  expect((await sandbox.log('ereceipt')).at(-1)?.headers).not.toHaveProperty('presharedkey');
  const before = (await sandbox.log('ereceipt')).length;
  await wizard.saveButton.click();

  // Saved: the changed sign-in voids the old token and signs in again, without the key.
  await card.expectStatus('Valid');
  await expect.poll(async () => (await sandbox.log('ereceipt')).length).toBe(before + 1);
  expect((await sandbox.log('ereceipt')).at(-1)?.headers).not.toHaveProperty('presharedkey');
  await card.editButton.click();
  await expect(page.locator('[data-field="preSharedKey"] .badge--stored')).toHaveCount(0);
  await expect(page.locator('[data-field="clientSecret"] .badge--stored')).toHaveText('Stored');
});

test('the card says when a lifetime was assumed and when the tags could not be read', async ({ app: page, sandbox }) => {
  const dashboard = new DashboardPage(page);

  // OnAPI answering an opaque token with "expiresIn": 0: nothing says how long it lives.
  await sandbox.configure('onapi', { lifetimeUnit: 'zero', tokenFormat: 'opaque' });
  const onapi = randomAccount('onapi');
  await sandbox.addAccount('onapi', onapi.credentials);
  await addProfile(page, { name: 'Lima till', provider: 'onapi', values: valuesOf(onapi), test: 'ok' });
  const lima = dashboard.card('Lima till');
  await lima.expectStatus('Valid');
  // Seconds show in the last 5 minutes: "4 min 50 s".
  await expect(lima.countdown).toHaveText(/^4\smin\s\d{1,2}\ss$|^5\smin$/);
  await expect(lima.root.locator('[data-note="lifetime-assumed"]')).toHaveText(
    'The provider did not say how long this token lasts, so Tessera assumes 5 minutes and renews it before then.',
  );
  await lima.openHistory();
  await expect(lima.historyItems.first()).toContainText('lifetime not given: 5 minutes assumed');

  // With a JWT and "expiresIn" in milliseconds, the token's own exp decides: no note on the card.
  await sandbox.configure('onapi', { lifetimeUnit: 'milliseconds', tokenFormat: 'jwt' });
  const second = randomAccount('onapi');
  await sandbox.addAccount('onapi', second.credentials);
  await addProfile(page, { name: 'Cusco till', provider: 'onapi', values: valuesOf(second) });
  const cusco = dashboard.card('Cusco till');
  await cusco.expectStatus('Valid');
  await expect(cusco.root.locator('[data-note="lifetime-assumed"]')).toHaveCount(0);
  // About an hour left (the JWT's), not the 1,000 hours the milliseconds would have meant.
  await expect(cusco.countdown).toHaveText(/^(59\smin|1\sh)$/);
  await cusco.openHistory();
  await expect(cusco.historyItems.first()).toContainText('lifetime taken from the token');

  // eReceipt with no tags claim in its token: an information note, not the B2C warning.
  await sandbox.configure('ereceipt', { tagsClaim: null });
  const cairo = randomAccount('ereceipt');
  await sandbox.addAccount('ereceipt', cairo.credentials);
  await addProfile(page, { name: 'Giza till', provider: 'ereceipt', values: valuesOf(cairo) });
  const giza = dashboard.card('Giza till');
  await giza.expectStatus('Valid');
  await expect(giza.root.locator('[data-note="tags-unreadable"]')).toHaveText(
    'The taxpayer’s tags could not be read from the token, so Tessera cannot tell whether this taxpayer may submit receipts (B2C).',
  );
  await expect(giza.root.locator('[data-warning="b2c-missing"]')).toHaveCount(0);
  await page.screenshot({ path: screenshot('card-notes-en'), fullPage: true });
});

test("Invoisys: a Production preset, and token API 3.0's message on the card", async ({ app: page, sandbox }) => {
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  await dashboard.addProfileButton.click();
  await wizard.chooseProvider(PROVIDER_LABELS.invoisys);
  await expect(wizard.environmentGroup.getByRole('radio', { name: 'Production', exact: true })).toBeVisible();
  await expect(wizard.environmentGroup).toContainText('https://api.invoisys.com.br');
  // A provider was chosen: Cancel asks before discarding it.
  await wizard.cancelButton.click();
  await wizard.leaveDialog.getByRole('button', { name: 'Discard changes', exact: true }).click();
  await expect(dashboard.heading).toHaveText('Profiles');

  await sandbox.configure('invoisys', { tokenApi: '3.0' });
  const account = randomAccount('invoisys');
  await sandbox.addAccount('invoisys', account.credentials);
  await addProfile(page, { name: 'São Paulo till', provider: 'invoisys', values: { ...valuesOf(account), password: 'senha-errada-0042' } });
  const card = dashboard.card('São Paulo till');
  await card.expectStatus('Needs attention');
  await expect(card.failure).toContainText('Sign-in refused');
  await expect(card.failure).toContainText('The e-mail or password was rejected.');
  await expect(card.failure.locator('.failure__provider')).toContainText('Usuário ou senha inválidos.');
  expect(await sandbox.tokenRequests('invoisys')).toBe(1);
});
