// What issues 9, 10 and 12 added, on an 800×600 till in English, Spanish and Portuguese, held to
// issue 11's rules: the top bar keeps one row with the installer lock in it (open or locked),
// nothing runs off the side, the card's actions stay inside the card, the token file and the
// diagnostics shown where the clipboard is refused stay in their card, the "Installer PIN" and
// "Export profiles" dialogs fit the window, and a failed test's "Copy diagnostics" is not
// covered by the wizard's sticky bar. Screenshots of each screen land in test results.
import type { Locator, Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { InstallerLockPage } from './pages/installer-lock';
import { type Lang, SettingsPage } from './pages/settings';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';
import { saveScreenshot, VIEWPORTS } from './support/screens';

// At least 8 digits: the leak sweep cannot search for shorter secrets reliably.
const PIN = '6039184257';

type Box = { left: number; right: number; top: number; bottom: number; height: number };
type El = { getBoundingClientRect(): Box; closest(selector: string): El | null; scrollWidth: number; clientWidth: number };

async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => (el as unknown as El).getBoundingClientRect());
}

/** The top bar is one row: short, its parts side by side and whole, no label wrapped. */
async function expectOneRowHeader(page: Page): Promise<void> {
  const bar = await box(page.locator('.topbar'));
  expect(bar.height).toBeLessThan(70);
  const parts = await page
    .locator('.topbar > :visible')
    .evaluateAll((els) => els.map((el) => (el as unknown as El).getBoundingClientRect()));
  expect(parts.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < parts.length; i++) expect(parts[i]!.left).toBeGreaterThanOrEqual(parts[i - 1]!.right);
  expect(parts.at(-1)!.right).toBeLessThanOrEqual(page.viewportSize()!.width);
  // The name is never cut, and no button or state wraps onto a second line.
  const name = page.locator('.topbar__name');
  expect(await name.evaluate((el) => (el as unknown as El).scrollWidth <= (el as unknown as El).clientWidth)).toBe(true);
  expect((await box(name)).right).toBeLessThanOrEqual((await box(page.locator('.topbar__brand'))).right + 0.5);
  for (const item of await page.locator('.topbar button:visible, .topbar .lock-control__state:visible').all()) {
    expect((await box(item)).height, (await item.textContent()) ?? '').toBeLessThan(48);
  }
}

/** Nothing runs off the side: no sideways scrolling, no control past the window's right edge. */
async function expectNothingSideways(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  for (const area of [page.locator('html'), page.locator('[data-scroll-container]')]) {
    expect(await area.evaluate((el) => (el as unknown as El).scrollWidth - (el as unknown as El).clientWidth)).toBeLessThanOrEqual(0);
  }
  const past = await page
    .locator('button:visible, input:visible, select:visible, textarea:visible, a:visible')
    .evaluateAll((els, w) => els.filter((el) => (el as unknown as El).getBoundingClientRect().right > w + 1).length, width);
  expect(past).toBe(0);
}

/** Every element matched lies within its profile's card. */
async function expectInsideCard(items: Locator): Promise<void> {
  const outside = await items.evaluateAll(
    (els) =>
      els.filter((el) => {
        const own = (el as unknown as El).getBoundingClientRect();
        const card = (el as unknown as El).closest('section[data-profile-id]')!.getBoundingClientRect();
        return own.left < card.left || own.right > card.right;
      }).length,
  );
  expect(outside).toBe(0);
}

/** A dialog fits the window, its buttons in view. */
async function expectDialogFits(page: Page, dialog: Locator): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const own = await box(dialog);
  expect(own.left).toBeGreaterThanOrEqual(0);
  expect(own.top).toBeGreaterThanOrEqual(0);
  expect(own.right).toBeLessThanOrEqual(width);
  expect(own.bottom).toBeLessThanOrEqual(height);
  for (const button of await dialog.locator('.dialog__actions button:visible').all()) await expect(button).toBeInViewport({ ratio: 1 });
}

const NAV: Record<Lang, { profiles: string; settings: string; exportProfiles: string }> = {
  en: { profiles: 'Profiles', settings: 'Settings', exportProfiles: 'Export profiles…' },
  es: { profiles: 'Perfiles', settings: 'Configuración', exportProfiles: 'Exportar perfiles…' },
  pt: { profiles: 'Perfis', settings: 'Configurações', exportProfiles: 'Exportar perfis…' },
};

for (const lang of ['en', 'es', 'pt'] as const) {
  test(`800×600 (${lang}): the lock in a one-row top bar, cards, dialogs and the wizard's diagnostics all fit`, async ({
    app: page,
    sandbox,
  }) => {
    test.setTimeout(180_000);
    const names = NAV[lang];
    const lock = new InstallerLockPage(page, lang);
    const settings = new SettingsPage(page);
    const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
    const eReceipt = randomAccount('ereceipt');
    await sandbox.addAccount('ereceipt', eReceipt.credentials);
    // A long name, and the eReceipt profile stores an optional pre-shared key.
    await addProfile(page, { name: 'Caja principal del mostrador', provider: 'ereceipt', values: valuesOf(eReceipt) });
    await addProfile(page, { name: 'Till 2', provider: 'factus', demo: true });
    await settings.open();
    await new InstallerLockPage(page, 'en').setFirstPin(PIN);
    if (lang !== 'en') {
      await settings.chooseLanguage(lang, 'en');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }
    await page.setViewportSize(VIEWPORTS.small);

    // Unlocked: the clock and "Lock now" beside the navigation, on one row.
    await expect(lock.control).toHaveAttribute('data-lock-state', 'open');
    await expect(lock.control.locator('.lock-control__state')).toHaveText(lock.names.unlocked);
    await expectOneRowHeader(page);
    await expectNothingSideways(page);
    // Settings › Other terminals › Export profiles: the dialog fits.
    await page.getByRole('button', { name: names.exportProfiles }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectDialogFits(page, dialog);
    await saveScreenshot(page, `small-export-${lang}-800x600`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await nav(names.profiles).click();
    await expectOneRowHeader(page);
    await saveScreenshot(page, `small-unlocked-${lang}-800x600`);

    // Locked: still one row.
    await lock.lockNow();
    await expectOneRowHeader(page);
    await expectNothingSideways(page);

    // A card opened: its actions, token file and diagnostics (clipboard refused) stay inside it.
    const dashboard = new DashboardPage(page);
    const card = dashboard.card('Till 2');
    await card.expand();
    await expectInsideCard(card.root.locator('.card__actions button:visible'));
    await card.tokenFile.locator('summary').click();
    await expect(card.tokenFile.locator('input')).toBeVisible();
    await page.evaluate(() => {
      const nav = (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator;
      nav.clipboard.writeText = () => Promise.reject(new Error('NotAllowedError'));
    });
    await card.root.locator('[data-copy-diagnostics]').click();
    const report = card.root.locator('textarea');
    await expect(report).toBeFocused();
    await expectInsideCard(card.root.locator('.token-file input, [data-copy-diagnostics], .diagnostics-fallback, textarea'));
    await expectNothingSideways(page);
    await report.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `small-card-diagnostics-${lang}-800x600`);

    // "Edit" asks for the PIN: the dialog fits.
    const till = dashboard.card('Caja principal del mostrador');
    await till.expand();
    await till.root.locator('[data-action="edit"]').click();
    await expect(lock.dialog).toBeVisible();
    await expectDialogFits(page, lock.dialog);
    await saveScreenshot(page, `small-pin-${lang}-800x600`);
    await lock.typePin(PIN);

    // The wizard: the stored optional key's badges and "Remove" stay in the form; after a
    // failed test its result and "Copy diagnostics" are in view, above the sticky bar.
    const wizard = new WizardPage(page);
    await expect(wizard.actionBar).toBeVisible();
    const psk = page.locator('[data-field="preSharedKey"]');
    await psk.scrollIntoViewIfNeeded();
    await expect(psk.locator('.badge--stored')).toBeVisible();
    expect((await box(psk.locator('.field__label-row button'))).right).toBeLessThanOrEqual((await box(psk)).right + 0.5);
    await expectNothingSideways(page);
    // By the field, not its English label: this runs in each language.
    await page.locator('[data-field="clientSecret"] input').fill('not-the-client-secret');
    await wizard.actionBar.locator('.wizard__actions button').first().click();
    await expect(wizard.testResult).toHaveAttribute('data-test-result', 'failed');
    await expect(wizard.testResult).toBeFocused();
    const copy = wizard.diagnosticsButton;
    await expect(copy).toBeInViewport({ ratio: 1 });
    expect((await box(copy)).bottom).toBeLessThanOrEqual((await box(wizard.actionBar)).top);
    await expectOneRowHeader(page);
    await expectNothingSideways(page);
    await saveScreenshot(page, `small-wizard-failed-${lang}-800x600`);
  });
}
