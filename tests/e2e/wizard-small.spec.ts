// The wizard on an 800×600 till (issue 11 §4), in English, Spanish and Portuguese: the test's
// result scrolls into view and takes focus, the actions stay in a bar at the bottom, errors are
// listed at the top with links to their fields, leaving with changes (Cancel, Escape, the top
// navigation) asks first, and saving an edit that changes the sign-in tests it first: after a
// failed test, "Save anyway?" says the POS will lose its token, and the working token stays
// until the user says so.
import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { type Lang, SettingsPage } from './pages/settings';
import { addProfile } from './support/flows';
import { saveScreenshot, VIEWPORTS } from './support/screens';

const W = {
  en: {
    profiles: 'Profiles',
    settings: 'Settings',
    add: 'Add profile',
    name: 'Profile name',
    provider: 'Provider',
    environment: 'Environment',
    sandbox: 'Sandbox (built-in)',
    demo: 'Use demo credentials',
    test: 'Test connection',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    password: 'Password',
    clientId: 'Client ID',
    ok: /^✓ Signed in\. The token is valid for 1 hour, until (\S.*, )?\d\d:\d\d\.$/,
    summary: 'Some fields need fixing',
    above: 'Some fields need fixing. They are listed at the top of the form.',
    required: 'Client ID: Required.',
    leave: 'Discard your changes?',
    keep: 'Keep editing',
    discard: 'Discard changes',
    saveAnyway: 'Save anyway?',
    saveAnywayConfirm: 'Save anyway',
    loses: 'POS programs can’t get a token until the credentials are fixed',
    valid: 'Valid',
    attention: 'Needs attention',
  },
  es: {
    profiles: 'Perfiles',
    settings: 'Configuración',
    add: 'Agregar perfil',
    name: 'Nombre del perfil',
    provider: 'Proveedor',
    environment: 'Entorno',
    sandbox: 'Entorno de pruebas integrado',
    demo: 'Usar credenciales de demostración',
    test: 'Probar conexión',
    save: 'Guardar',
    cancel: 'Cancelar',
    edit: 'Editar',
    password: 'Contraseña',
    clientId: 'ID de cliente',
    ok: /^✓ Sesión iniciada\. El token es válido por 1 hora, hasta (las|el \S.*,) \d\d:\d\d\.$/,
    summary: 'Hay campos que corregir',
    above: 'Hay campos que corregir. Están en la lista al principio del formulario.',
    required: 'ID de cliente: Obligatorio.',
    leave: '¿Descartar los cambios?',
    keep: 'Seguir editando',
    discard: 'Descartar cambios',
    saveAnyway: '¿Guardar de todos modos?',
    saveAnywayConfirm: 'Guardar de todos modos',
    loses: 'los programas del POS no podrán obtener un token hasta que se corrijan las credenciales',
    valid: 'Vigente',
    attention: 'Requiere atención',
  },
  pt: {
    profiles: 'Perfis',
    settings: 'Configurações',
    add: 'Adicionar perfil',
    name: 'Nome do perfil',
    provider: 'Provedor',
    environment: 'Ambiente',
    sandbox: 'Ambiente de testes integrado',
    demo: 'Usar credenciais de demonstração',
    test: 'Testar conexão',
    save: 'Salvar',
    cancel: 'Cancelar',
    edit: 'Editar',
    password: 'Senha',
    clientId: 'ID do cliente',
    ok: /^✓ Login realizado\. O token vale por 1 hora, até (\S.*, )?\d\d:\d\d\.$/,
    summary: 'Alguns campos precisam de correção',
    above: 'Alguns campos precisam de correção. Eles estão listados no início do formulário.',
    required: 'ID do cliente: Obrigatório.',
    leave: 'Descartar as alterações?',
    keep: 'Continuar editando',
    discard: 'Descartar alterações',
    saveAnyway: 'Salvar mesmo assim?',
    saveAnywayConfirm: 'Salvar mesmo assim',
    loses: 'os programas do PDV não conseguirão obter um token até as credenciais serem corrigidas',
    valid: 'Válido',
    attention: 'Requer atenção',
  },
} as const;

async function switchLanguage(page: Page, to: Lang): Promise<void> {
  if (to === 'en') return;
  const settings = new SettingsPage(page);
  await settings.open('en');
  await settings.chooseLanguage(to, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', to);
  await page.getByRole('navigation').getByRole('button', { name: W[to].profiles }).click();
}

function inViewport(page: Page, box: { y: number; height: number } | null): boolean {
  const height = page.viewportSize()!.height;
  return !!box && box.y >= 0 && box.y + box.height <= height + 1;
}

for (const lang of ['en', 'es', 'pt'] as const) {
  const w = W[lang];

  test(`the wizard on a small screen: sticky bar, result in view and focused, errors on top, leaving asks (${lang})`, async ({
    app: page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(VIEWPORTS.small);
    await switchLanguage(page, lang);
    await page.getByRole('button', { name: w.add }).click();
    await page.getByRole('radiogroup', { name: w.provider, exact: true }).getByRole('radio', { name: 'Factus', exact: true }).check();
    await page.getByRole('radiogroup', { name: w.environment, exact: true }).getByRole('radio', { name: w.sandbox, exact: true }).check();
    const bar = page.locator('.wizard__bar');
    // The actions are in view at the top of a long form.
    await page.locator('[data-scroll-container]').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 0));
    expect(inViewport(page, await bar.getByRole('button', { name: w.test }).boundingBox())).toBe(true);
    expect(inViewport(page, await bar.getByRole('button', { name: w.save, exact: true }).boundingBox())).toBe(true);
    expect(inViewport(page, await bar.getByRole('button', { name: w.cancel, exact: true }).boundingBox())).toBe(true);

    // Errors: listed at the top with links; the bar says where.
    await bar.getByRole('button', { name: w.save, exact: true }).click();
    const summary = page.locator('[data-error-summary]');
    await expect(summary.getByRole('heading')).toHaveText(w.summary);
    await expect(summary.getByRole('link', { name: w.required })).toBeVisible();
    await expect(bar.locator('.form-error')).toHaveText(w.above);
    await expect(page.getByLabel(w.name, { exact: true })).toBeFocused();
    await summary.getByRole('link', { name: w.required }).click();
    await expect(page.getByLabel(w.clientId, { exact: true })).toBeFocused();
    await saveScreenshot(page, `wizard-errors-${lang}-800x600`);

    // The test's result scrolls into view and takes focus.
    await page.getByLabel(w.name, { exact: true }).fill(`Till ${lang}`);
    await page.getByRole('button', { name: w.demo }).click();
    await page.locator('[data-scroll-container]').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 0));
    await bar.getByRole('button', { name: w.test }).click();
    const result = page.locator('[data-test-result]');
    await expect(result).toHaveAttribute('data-test-result', 'ok');
    await expect(result.locator('.test-ok__headline')).toHaveText(w.ok);
    await expect(result).toBeFocused();
    await expect(result.locator('.test-ok__headline')).toBeInViewport();
    expect(inViewport(page, await bar.boundingBox())).toBe(true);
    await saveScreenshot(page, `wizard-result-${lang}-800x600`);

    // Leaving with changes asks first: Cancel, Escape and the top navigation alike.
    const dialog = page.getByRole('dialog', { name: w.leave });
    await bar.getByRole('button', { name: w.cancel, exact: true }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: w.keep }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByLabel(w.name, { exact: true })).toHaveValue(`Till ${lang}`);
    await page.getByLabel(w.name, { exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape'); // the dialog's own Escape: keep editing
    await expect(dialog).toHaveCount(0);
    await page.getByRole('navigation').getByRole('button', { name: w.settings }).click();
    await expect(dialog).toBeVisible();
    await saveScreenshot(page, `wizard-leave-${lang}-800x600`);
    await dialog.getByRole('button', { name: w.discard }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.settings);

    // Without changes, Escape simply leaves, like Cancel.
    await page.getByRole('navigation').getByRole('button', { name: w.profiles }).click();
    await page.getByRole('button', { name: w.add }).first().click();
    await page.getByLabel(w.name, { exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.profiles);
    await expect(dialog).toHaveCount(0);
  });

  test(`saving an edit tests it first; a failed test asks "Save anyway?" and keeps the token (${lang})`, async ({ app: page, sandbox }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(VIEWPORTS.small);
    await addProfile(page, { name: 'Counter', provider: 'factus', demo: true });
    await switchLanguage(page, lang);
    const card = new DashboardPage(page).card('Counter');
    await card.expectStatus(w.valid);
    const issuedAt = await card.issuedAt();
    const requests = await sandbox.tokenRequests('factus');

    // A wrong password: Save tests it first, and asks.
    await card.expand();
    await card.root.getByRole('button', { name: w.edit, exact: true }).click();
    await page.getByLabel(w.password, { exact: true }).fill('a-wrong-password');
    await page.getByRole('button', { name: w.save, exact: true }).click();
    const ask = page.getByRole('dialog', { name: w.saveAnyway });
    await expect(ask).toContainText(w.loses);
    await expect(page.locator('[data-test-result]')).toHaveAttribute('data-test-result', 'failed');
    expect(await sandbox.tokenRequests('factus')).toBe(requests + 1); // the test, nothing else
    await saveScreenshot(page, `wizard-save-anyway-${lang}-800x600`);
    // Not now: nothing saved, the profile keeps its token.
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await page.getByRole('button', { name: w.cancel, exact: true }).click();
    await page.getByRole('dialog', { name: w.leave }).getByRole('button', { name: w.discard }).click();
    await card.expectStatus(w.valid);
    expect(await card.issuedAt()).toBe(issuedAt);

    // The right password: tested, then saved, and signed in with it.
    await card.expand();
    await card.root.getByRole('button', { name: w.edit, exact: true }).click();
    await page.getByLabel(w.password, { exact: true }).fill('sandbox-password');
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await card.expectStatus(w.valid);
    await expect.poll(() => card.issuedAt()).toBeGreaterThan(issuedAt);

    // Saved anyway: the POS loses its token, as the question said.
    await card.expand();
    await card.root.getByRole('button', { name: w.edit, exact: true }).click();
    await page.getByLabel(w.password, { exact: true }).fill('a-wrong-password');
    await page.getByRole('button', { name: w.save, exact: true }).click();
    await page.getByRole('dialog', { name: w.saveAnyway }).getByRole('button', { name: w.saveAnywayConfirm }).click();
    await card.expectStatus(w.attention);
    await expect(card.root).toHaveAttribute('data-health', 'no-token');
  });
}
