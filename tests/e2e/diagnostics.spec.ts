// "Copy diagnostics": on a card (here in Spanish) and after a failed "Test connection" in the
// wizard, the report of the last exchanges with the provider lands on the clipboard, explained,
// and without a secret in any form (each copied report also goes to the leak sweep). Where the
// clipboard is refused, the report is shown selected instead.
import { resolve } from 'node:path';

import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { SettingsPage } from './pages/settings';
import { WizardPage } from './pages/wizard';
import { copyDiagnostics, grantClipboard } from './support/diagnostics';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

test('a card copies its diagnostics in Spanish: its exchanges explained, no secret in any form', async ({
  app: page,
  context,
  host,
  sandbox,
}) => {
  await grantClipboard(context, host.origin);
  const account = randomAccount('factus');
  await sandbox.addAccount('factus', account.credentials);
  await addProfile(page, { name: 'Caja 1', provider: 'factus', values: valuesOf(account) });
  const card = new DashboardPage(page).card('Caja 1');
  await card.expectStatus('Valid');

  // A renewal then meets an outage whose answer echoes the password, base64-encoded.
  const password = account.credentials.password!;
  const echoed = Buffer.from(password).toString('base64');
  await sandbox.failNext('factus', 1, {
    kind: 'error',
    status: 503,
    body: { message: `Maintenance, session of ${echoed}` },
    headers: { 'Retry-After': '300' },
  });
  await card.refreshNowButton.click();
  await card.expectStatus('Retrying');

  const settings = new SettingsPage(page);
  await settings.open();
  await settings.chooseLanguage('es', 'en');
  await page.getByRole('navigation').getByRole('button', { name: 'Perfiles' }).click();
  await card.expectStatus('Reintentando');

  const report = await copyDiagnostics(page, card.root, 'Copiar diagnóstico', 'card in Spanish');
  await expect(card.root.getByRole('button', { name: 'Copiado', exact: true })).toBeVisible();
  await expect(page.locator('.toast')).toHaveText('Diagnóstico copiado. Péguelo en su mensaje al soporte.');
  await page.screenshot({ path: resolve(SHOTS, 'diagnostics-card-es.png') });

  const lines = report.split('\n');
  expect(lines[0]).toMatch(/^Diagnóstico de Tessera \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
  expect(lines[1]).toMatch(/^Tessera \d+\.\d+\.\d+ · Servidor para navegador \(desarrollo\) \[browser\] · \w+$/);
  for (const line of [
    'Perfil: Caja 1',
    'Proveedor: Factus [factus]',
    'Entorno: Entorno de pruebas integrado',
    'Estado: Reintentando · intentos fallidos seguidos: 1',
  ]) {
    expect(lines).toContain(line);
  }
  expect(report).toMatch(/\nURL del token: http:\/\/127\.0\.0\.1:\d+\/oauth\/token\n/);
  expect(report).toMatch(/\nÚltimo error: Problema temporal: El servicio del proveedor no está disponible por ahora\. \[http_503\]\n/);
  expect(report).toMatch(/\n#1 \S+ \S+ UTC · inicio de sesión · POST \/oauth\/token → HTTP 200 · \d+ ms\n/);
  expect(report).toMatch(/\n#2 \S+ \S+ UTC · renovación · POST \/oauth\/token → HTTP 503 · \d+ ms\n {3}content-type: application\/json/);
  expect(report).toContain('\n   retry-after: 300\n');
  expect(report).toContain('\n      {"message":"Maintenance, session of [redacted]"}\n');
  expect(report).toContain('\n   Resultado: token recibido\n');
  for (const secret of [password, echoed, account.credentials.clientSecret!]) expect(report).not.toContain(secret);

  // Where the clipboard is refused (a locked-down desktop), the report is shown, selected.
  await page.evaluate(() => {
    const nav = (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator;
    nav.clipboard.writeText = () => Promise.reject(new Error('NotAllowedError'));
  });
  await card.root.locator('[data-copy-diagnostics]').click();
  await expect(card.root.getByRole('alert')).toHaveText(/^El portapapeles no está disponible aquí\. El informe está seleccionado abajo/);
  const shown = card.root.getByRole('textbox', { name: 'Informe de diagnóstico' });
  await expect(shown).toBeFocused();
  const { value, start, end } = await shown.evaluate((el) => {
    const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
    return { value: area.value, start: area.selectionStart, end: area.selectionEnd };
  });
  expect(value.split('\n').slice(2)).toEqual(report.split('\n').slice(2));
  expect([start, end]).toEqual([0, value.length]);
});

test('after a failed "Test connection", the wizard copies the diagnostics of that test', async ({ app: page, context, host, sandbox }) => {
  await grantClipboard(context, host.origin);
  const account = randomAccount('onapi');
  await sandbox.addAccount('onapi', account.credentials);
  const wrongPassword = randomAccount('onapi').credentials.password!;
  const wizard = new WizardPage(page);
  await new DashboardPage(page).addProfileButton.click();
  await wizard.nameInput.fill('New till');
  await wizard.chooseProvider('OnAPI (SUNAT Peru)');
  await wizard.chooseEnvironment('Sandbox (built-in)');
  await wizard.fill({ ...valuesOf(account), password: wrongPassword });
  await expect(wizard.diagnosticsButton).toHaveCount(0);
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'failed');

  const report = await copyDiagnostics(page, wizard.testResult, 'Copy diagnostics', 'wizard test');
  const lines = report.split('\n');
  expect(lines[0]).toMatch(/^Tessera diagnostics \(.* UTC\)$/);
  for (const line of ['Connection test (not saved): New till', 'Provider: OnAPI (SUNAT Peru) [onapi]', 'Environment: Sandbox (built-in)']) {
    expect(lines).toContain(line);
  }
  expect(report).not.toContain('\nState:');
  expect(report).toMatch(
    /\nToken URL: http:\/\/127\.0\.0\.1:\d+\/integrator\/api\/v1\/integrator\/authenticate\nRefresh URL: http:\/\/127\.0\.0\.1:\d+\/integrator\/api\/v1\/integrator\/refresh-token\n/,
  );
  expect(report).toMatch(/\n#1 \S+ \S+ UTC · sign-in · POST \/integrator\/api\/v1\/integrator\/authenticate → HTTP 401 · \d+ ms\n/);
  expect(report).toContain('\n      {"message":"Invalid credentials."}\n');
  expect(report).toContain('\n   Result: Sign-in refused: The provider refused the credentials. [http_401]\n');
  expect(report).not.toContain(wrongPassword);

  // The report belongs to that test: a changed form drops it, and a test that works brings none.
  await wizard.field('password').fill(account.credentials.password!);
  await expect(wizard.diagnosticsButton).toHaveCount(0);
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
  await expect(wizard.diagnosticsButton).toHaveCount(0);
});
