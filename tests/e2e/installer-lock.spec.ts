// The installer lock through the UI, in English, Spanish and Portuguese: set a PIN, lock, start
// locked after a restart; a cashier refreshes and changes the language but every installer
// control asks for the PIN; a wrong PIN shows its wait and the next one doubles it; the right
// PIN opens the wizard the cashier could not; "Lock now"; the unlock running out on its own (a
// host started with a short unlock window); and "Forgot the PIN?", after which each profile
// needs its secrets typed again. Screenshots of the dialog and the section in each language.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Locator, Page } from '@playwright/test';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { InstallerLockPage } from './pages/installer-lock';
import { type Lang, SettingsPage } from './pages/settings';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount, type SandboxControls } from './support/sandbox';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
// At least 8 digits: the leak sweep cannot search for shorter secrets reliably.
const PIN = '4071592638';
const WRONG = '1111222233';
const WRONG_AGAIN = '5555666677';
const WRONG_THIRD = '8888999900';

const UI = {
  en: {
    profiles: 'Profiles',
    refreshNow: 'Refresh now',
    refreshAll: 'Refresh all',
    edit: 'Edit',
    editTitle: 'Edit “Counter 1”',
    needsAttention: 'Needs attention',
    valid: 'Valid',
    password: 'Password',
    save: 'Save',
    cancel: 'Cancel',
    startAtLogin: 'Start at login',
  },
  es: {
    profiles: 'Perfiles',
    refreshNow: 'Renovar ahora',
    refreshAll: 'Renovar todos',
    edit: 'Editar',
    editTitle: 'Editar «Counter 1»',
    needsAttention: 'Requiere atención',
    valid: 'Vigente',
    password: 'Contraseña',
    save: 'Guardar',
    cancel: 'Cancelar',
    startAtLogin: 'Iniciar al iniciar sesión',
  },
  pt: {
    profiles: 'Perfis',
    refreshNow: 'Renovar agora',
    refreshAll: 'Renovar todos',
    edit: 'Editar',
    editTitle: 'Editar “Counter 1”',
    needsAttention: 'Requer atenção',
    valid: 'Válido',
    password: 'Senha',
    save: 'Salvar',
    cancel: 'Cancelar',
    startAtLogin: 'Iniciar com o sistema',
  },
} as const;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

/** Adds "Counter 1" on the Invoisys sandbox (in English) and switches the app to `lang`. */
async function setUp(page: Page, sandbox: SandboxControls, lang: Lang) {
  const account = randomAccount('invoisys');
  await sandbox.addAccount('invoisys', account.credentials);
  await addProfile(page, { name: 'Counter 1', provider: 'invoisys', values: valuesOf(account) });
  await new DashboardPage(page).card('Counter 1').expectStatus('Valid');
  const settings = new SettingsPage(page);
  await settings.open('en');
  if (lang !== 'en') {
    await settings.chooseLanguage(lang, 'en');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
  return { account, settings };
}

function card(page: Page): Locator {
  return page.getByRole('region', { name: 'Counter 1', exact: true });
}

async function toDashboard(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: UI[lang].profiles, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(UI[lang].profiles);
}

for (const lang of ['en', 'es', 'pt'] as const) {
  test(`${lang}: a cashier refreshes but cannot edit; the PIN unlocks, backs off when wrong, locks again, and a forgotten one costs every secret`, async ({
    app: page,
    sandbox,
    host,
  }) => {
    test.setTimeout(180_000);
    const ui = UI[lang];
    const lock = new InstallerLockPage(page, lang);
    const { account, settings } = await setUp(page, sandbox, lang);

    // Settings › Installer PIN: none yet, so nothing is locked; set one.
    await expect(lock.section.locator('[data-pin-state]')).toHaveText(lock.names.noPin);
    await expect(lock.control).toHaveCount(0);
    // A PIN that is too short is caught before anything is sent.
    await lock.section.getByLabel(lock.names.newPin, { exact: true }).fill('12');
    await lock.section.getByRole('button', { name: lock.names.setPin, exact: true }).click();
    await expect(lock.section.locator('[data-field="newPin"] .field__error')).toContainText(lock.names.format);
    await lock.setFirstPin(PIN);
    // Whoever set it stays in for a while; "Lock now" closes it at once.
    await lock.expectUnlocked();
    await shot(page, `installer-pin-settings-${lang}`);
    await lock.lockNow();

    // Tessera starts locked. (The sandbox starts afresh with the host: its account is added again.)
    await host.restart();
    await sandbox.addAccount('invoisys', account.credentials);
    await openApp(page, host.url);
    await lock.expectLocked();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.profiles);

    // The cashier: "Refresh now" and "Refresh all" work without a PIN.
    const before = Number(await card(page).getAttribute('data-issued-at'));
    await card(page).getByRole('button', { name: ui.refreshNow, exact: true }).click();
    await expect.poll(async () => Number(await card(page).getAttribute('data-issued-at'))).toBeGreaterThan(before);
    await page.getByRole('button', { name: ui.refreshAll, exact: true }).click();
    await expect(card(page).locator('[data-status]')).toHaveText(ui.valid);
    await expect(lock.dialog).toHaveCount(0);

    // The language too: to English and back, no PIN asked.
    await settings.open(lang);
    const other: Lang = lang === 'en' ? 'es' : 'en';
    await settings.chooseLanguage(other, lang);
    await expect(page.locator('html')).toHaveAttribute('lang', other);
    await settings.chooseLanguage(lang, other);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(lock.dialog).toHaveCount(0);
    // "Start at login" is an installer's: it asks, and stays off when the dialog is cancelled.
    const startAtLogin = settings.startAtLogin(lang);
    await expect(startAtLogin).toHaveAttribute('data-locked', 'true');
    await startAtLogin.click();
    await expect(lock.dialog).toBeVisible();
    await lock.dialog.getByRole('button', { name: lock.names.cancel, exact: true }).click();
    await expect(lock.dialog).toHaveCount(0);
    await expect(startAtLogin).not.toBeChecked();

    // "Edit" carries the padlock and asks for the PIN; cancelled, the cashier stays put.
    await toDashboard(page, lang);
    const edit = card(page).getByRole('button', { name: ui.edit, exact: true });
    await expect(edit).toHaveAttribute('data-locked', 'true');
    await edit.click();
    await expect(lock.dialog).toBeVisible();
    await expect(lock.pinInput).toBeFocused();
    await shot(page, `installer-pin-dialog-${lang}`);
    await lock.dialog.getByRole('button', { name: lock.names.cancel, exact: true }).click();
    await expect(lock.dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.profiles);

    // Wrong PINs: the dialog says so and how long to wait (1 s, 2 s, then 4 s, counting down;
    // the first two waits may be over before a busy machine shows them, the third cannot).
    await edit.click();
    await lock.typePin(WRONG);
    await expect(lock.waitMessage).toContainText(lock.names.wrongPin);
    await expect(lock.pinInput).toHaveValue('');
    await expect(lock.unlockButton).not.toHaveAttribute('aria-disabled', 'true', { timeout: 10_000 });
    await lock.typePin(WRONG_AGAIN);
    await expect(lock.waitMessage).toContainText(lock.names.wrongPin);
    await expect(lock.unlockButton).not.toHaveAttribute('aria-disabled', 'true', { timeout: 10_000 });
    await lock.typePin(WRONG_THIRD);
    const waitText = (...n: number[]) =>
      new RegExp(`^(${n.map((k) => lock.names.wrongWait(lock.names.seconds(k)).replace(/[.?]/g, '\\$&')).join('|')})$`);
    await expect(lock.waitMessage).toHaveText(waitText(4, 3));
    await expect(lock.unlockButton).toHaveAttribute('aria-disabled', 'true');
    await shot(page, `installer-pin-wrong-${lang}`);
    // It counts down, and Unlock is back once the wait is over.
    await expect(lock.waitMessage).toHaveText(waitText(2, 1), { timeout: 10_000 });
    await expect(lock.waitMessage).toHaveText(lock.names.wrongPin, { timeout: 10_000 });
    await expect(lock.unlockButton).not.toHaveAttribute('aria-disabled', 'true');

    // The right PIN: the action the cashier could not do goes ahead.
    await lock.typePin(PIN);
    await new WizardPage(page).expectOpen(ui.editTitle);
    await lock.expectUnlocked();
    await page.getByRole('button', { name: ui.cancel, exact: true }).click();
    await expect(edit).not.toHaveAttribute('data-locked');
    await lock.lockNow();
    await expect(edit).toHaveAttribute('data-locked', 'true');

    // "Forgot the PIN?": the only way out without it deletes every secret, after a plain question.
    await lock.control.getByRole('button', { name: lock.names.unlock, exact: true }).click();
    await lock.dialog.getByRole('button', { name: lock.names.forgot, exact: true }).click();
    await expect(lock.forgotDialog).toBeVisible();
    await shot(page, `installer-pin-forgot-${lang}`);
    await lock.forgotDialog.getByRole('button', { name: lock.names.forgotConfirm, exact: true }).click();
    await expect(lock.forgotDialog).toHaveCount(0);
    await expect(page.locator('.toast')).toHaveText(lock.names.resetDone);
    await expect(lock.control).toHaveCount(0);
    await expect(card(page).locator('[data-status]')).toHaveText(ui.needsAttention);
    await expect(card(page)).toContainText(lock.names.secretsCleared);

    // The profile needs its password again; typed, it signs in.
    await edit.click();
    await new WizardPage(page).expectOpen(ui.editTitle);
    await expect(page.locator('[data-field="password"] .badge--stored')).toHaveCount(0);
    await page.getByLabel(ui.password, { exact: true }).fill(account.credentials.password!);
    await page.getByRole('button', { name: ui.save, exact: true }).click();
    await expect(card(page).locator('[data-status]')).toHaveText(ui.valid);
    await settings.open(lang);
    await expect(lock.section.locator('[data-pin-state]')).toHaveText(lock.names.noPin);
  });
}

test.describe('an unlock runs out on its own', () => {
  // The browser host with an 8-second unlock instead of 5 minutes (--unlock-seconds).
  test.use({ hostOptions: { unlockSeconds: 8 } });

  for (const lang of ['en', 'es', 'pt'] as const) {
    test(`${lang}: locks itself after the unlock window, then asks again and goes ahead`, async ({ app: page, sandbox }) => {
      const lock = new InstallerLockPage(page, lang);
      const { settings } = await setUp(page, sandbox, lang);
      await lock.setFirstPin(PIN);
      await lock.expectUnlocked();
      // Nobody touches anything: the top bar turns to "Locked" by itself.
      await lock.expectLocked(20_000);
      const startAtLogin = settings.startAtLogin(lang);
      await expect(startAtLogin).toHaveAttribute('data-locked', 'true');
      await startAtLogin.click();
      await lock.typePin(PIN);
      await expect(lock.dialog).toHaveCount(0);
      // Unlocked, the click that asked for it takes effect.
      await expect(startAtLogin).toBeChecked();
      await lock.expectUnlocked();
    });
  }
});
