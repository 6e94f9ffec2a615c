// The wizard checks each field with the vault's own rules, next to the field, and sends nothing
// while one is invalid.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { WizardPage } from './pages/wizard';

test('invalid fields are explained next to them and block saving', async ({ app: page, sandbox }) => {
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  await dashboard.addProfileButton.click();
  await wizard.nameInput.fill('Kiosk');
  await wizard.chooseProvider('eReceipt (ETA Egypt)');
  await wizard.chooseEnvironment('Custom');
  await wizard.demoButton.count().then((n) => expect(n).toBe(0)); // demo values are for the sandbox only

  // Too long: shown while typing, with the limit.
  await wizard.field('posSerial').fill('S'.repeat(300));
  await expect(wizard.field('posSerial')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.fieldError('posSerial')).toHaveText(/Too long: at most 100 characters\./);
  await expect(wizard.field('posSerial')).toHaveAccessibleDescription(/Too long: at most 100 characters\./);

  // Plain http to a remote host: shown when the field is left.
  await wizard.baseUrlInput.fill('http://id.eta.gov.eg');
  await wizard.baseUrlInput.blur();
  await expect(wizard.baseUrlInput).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.fieldError('baseUrl')).toContainText('Plain http:// is allowed only for this computer');

  // Saving shows every problem, moves focus to the first one and sends nothing.
  await wizard.saveButton.click();
  await expect(wizard.formError).toContainText('Some fields need fixing');
  await expect(wizard.baseUrlInput).toBeFocused();
  await expect(wizard.fieldError('clientId')).toHaveText(/Required\./);
  await wizard.testConnectionButton.click();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'idle');
  await expect(wizard.heading).toHaveText('Add profile');

  // Header-unsafe characters in a POS header field are refused too.
  await wizard.field('posFramework').fill('é');
  await expect(wizard.fieldError('posFramework')).toContainText('HTTP header');

  // Fixed, it saves.
  await wizard.chooseEnvironment('Sandbox (built-in)');
  await wizard.demoButton.click();
  await wizard.field('posSerial').fill('SANDBOX-POS-0001');
  await expect(wizard.fieldError('posSerial')).toHaveCount(0);
  await wizard.saveButton.click();
  await dashboard.card('Kiosk').expectStatus('Valid');

  const stats = await sandbox.stats('ereceipt');
  expect(stats.tokenRequests).toBe(1); // only the saved profile's sign-in
});

test('a name already in use is refused, and Cancel leaves nothing behind', async ({ app: page }) => {
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  await dashboard.addProfileButton.click();
  await wizard.nameInput.fill('Front desk');
  await wizard.chooseProvider('Invoisys');
  await wizard.chooseEnvironment('Sandbox (built-in)');
  await wizard.demoButton.click();
  await wizard.saveButton.click();
  await dashboard.card('Front desk').expectStatus('Valid');

  await dashboard.addProfileButton.click();
  await wizard.nameInput.fill('front desk ');
  await expect(wizard.fieldError('name')).toHaveText(/Another profile already has this name\./);
  // Something was typed: Cancel asks before discarding it.
  await wizard.cancelButton.click();
  await wizard.leaveDialog.getByRole('button', { name: 'Discard changes', exact: true }).click();
  await expect(dashboard.cards).toHaveCount(1);
});
