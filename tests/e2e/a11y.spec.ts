// Accessibility as a gate (issue 11 §7): axe-core (WCAG 2 A/AA) on every screen and state a
// cashier or an installer meets, in English, Spanish and Portuguese, each at 1280×800 and
// 800×600: the empty dashboard, five profiles with problems (refused, retrying, expired), a
// compact row opened, a card's history, its token file and its diagnostics panel, the "More"
// menu and the removal dialog, the wizard with field errors and after a passed and a failed test,
// the leave dialog, Settings, an access key shown once, the export and import dialogs, the
// installer lock (PIN set, locked, the PIN dialog, a wrong PIN, "Forgot the PIN?") and the
// banners (another program on the service port, changes not being saved). Two tests per
// language (the dashboard and the wizard; Settings, bundles, the lock and the banners), each on
// its own browser host with the states walked in order. A rule is let off only for one selector, with its
// reason (ALLOWANCES, mirrored in docs/accessibility.md); anything else fails the test.
import { createServer, type Server } from 'node:net';

import type { Page } from '@playwright/test';

import { en } from '../../renderer/src/i18n/locales/en';
import { es } from '../../renderer/src/i18n/locales/es';
import { pt } from '../../renderer/src/i18n/locales/pt';
import { expect, test } from './fixtures';
import { LOCK_NAMES } from './pages/installer-lock';
import type { Lang } from './pages/settings';
import { type Allowance, AxeAudit } from './support/axe';
import { currentLeaks } from './support/leaks';
import { type ProviderId, randomAccount } from './support/sandbox';
import { VIEWPORTS } from './support/screens';

const LOCALES = { en, es, pt } as const;
type Texts = typeof en;

/** Rules let off, each for one selector and why. Empty: every state passes every rule. */
const ALLOWANCES: Allowance[] = [];

const PIN = '4071592638';
const WRONG_PIN = '1111222233';
const PASSPHRASE = 'a11y fleet passphrase 2026';
const SIZES = [VIEWPORTS.wide, VIEWPORTS.small] as const;

/** Another program on the token service's port (loopback IPv4), there before the host starts. */
const withHeldPort = test.extend<{ heldPort: number }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
  heldPort: async ({}, use) => {
    const server: Server = createServer((s) => s.destroy());
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen({ host: '127.0.0.1', port: 0 }, () => done());
    });
    await use((server.address() as { port: number }).port);
    await new Promise<void>((done) => server.close(() => done()));
  },
  hostOptions: async ({ heldPort }, use) => {
    await use({ servicePort: heldPort });
  },
});

/** Runs axe at both sizes; `arrange` puts the state back after a resize (a compact row closes its details). */
async function atBothSizes(page: Page, audit: AxeAudit, state: string, arrange?: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await resize(page, size);
    await arrange?.();
    await audit.check(state);
  }
  await resize(page, VIEWPORTS.wide);
}

/** Resizes, and waits until the cards have followed (compact rows below 1024 px, full cards above). */
async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const other = size.width < 1024 ? 'main section[data-profile-id]:not(.card--compact)' : 'main section.card--compact';
  await expect(page.locator(other)).toHaveCount(0);
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation').getByRole('button', { name, exact: true });
}

async function toDashboard(page: Page, t: Texts): Promise<void> {
  await nav(page, t.nav.profiles).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboard.title);
}

async function toSettings(page: Page, t: Texts): Promise<void> {
  await nav(page, t.nav.settings).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.settings.title);
}

function card(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

/** Opens a compact row's details (nothing to do on a full card). */
async function expand(page: Page, name: string): Promise<void> {
  const toggle = card(page, name).locator('[data-action="details"]');
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Adds a profile through the wizard in the language shown (provider and environment by value). */
async function addProfile(page: Page, t: Texts, name: string, provider: ProviderId, values?: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: t.dashboard.addProfile }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.wizard.titleCreate);
  await page.getByLabel(t.wizard.fields.name, { exact: true }).fill(name);
  await page.locator(`input[type="radio"][value="${provider}"]`).check();
  await page.locator('input[type="radio"][value="sandbox"]').check();
  if (values) {
    currentLeaks()?.credentials(values, 'typed in the wizard');
    for (const [field, value] of Object.entries(values))
      await page.getByLabel(t.wizard.fields[field as keyof Texts['wizard']['fields']], { exact: true }).fill(value);
  } else await page.getByRole('button', { name: t.wizard.useDemo }).click();
  await page.getByRole('button', { name: t.wizard.save, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboard.title);
  await expect(card(page, name)).toBeVisible();
}

/** Switches the language from English in Settings and waits for the page to follow. */
async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await toSettings(page, en);
  if (lang === 'en') return;
  await page.getByLabel(en.settings.language, { exact: true }).selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

for (const lang of ['en', 'es', 'pt'] as const) {
  test(`${lang}: the dashboard and the wizard in every state pass axe (WCAG 2 A/AA) at 1280×800 and 800×600`, async ({
    app: page,
    sandbox,
  }, testInfo) => {
    test.setTimeout(360_000);
    const t: Texts = LOCALES[lang];
    const audit = new AxeAudit(page, testInfo, ALLOWANCES);
    // (No animation half-way through a colour when axe measures contrast.)
    await page.emulateMedia({ reducedMotion: 'reduce' });

    // The dashboard with no profile yet.
    await chooseLanguage(page, lang);
    await toDashboard(page, t);
    await expect(page.locator('main section[data-profile-id]')).toHaveCount(0);
    await atBothSizes(page, audit, 'empty dashboard');

    // The wizard: every field error, then a passed and a failed test.
    await page.getByRole('button', { name: t.dashboard.addProfile }).click();
    await page.locator('input[type="radio"][value="factus"]').check();
    await page.getByRole('button', { name: t.wizard.save, exact: true }).click();
    await expect(page.locator('[data-error-summary]')).toBeVisible();
    await atBothSizes(page, audit, 'wizard with field errors');
    await page.getByLabel(t.wizard.fields.name, { exact: true }).fill('Counter 1');
    await page.locator('input[type="radio"][value="sandbox"]').check();
    await page.getByRole('button', { name: t.wizard.useDemo }).click();
    const result = page.locator('[data-test-result]');
    await page.getByRole('button', { name: t.wizard.testConnection }).click();
    await expect(result).toHaveAttribute('data-test-result', 'ok');
    await atBothSizes(page, audit, 'wizard, test passed');
    currentLeaks()?.secret('password', 'not-the-password-a11y', 'typed in the wizard');
    await page.getByLabel(t.wizard.fields.password, { exact: true }).fill('not-the-password-a11y');
    await page.getByRole('button', { name: t.wizard.testConnection }).click();
    await expect(result).toHaveAttribute('data-test-result', 'failed');
    await atBothSizes(page, audit, 'wizard, test failed');
    await page.getByRole('button', { name: t.wizard.useDemo }).click();
    await page.getByRole('button', { name: t.wizard.save, exact: true }).click();
    await expect(card(page, 'Counter 1')).toBeVisible();

    // Five profiles: two fine, one refused, one retrying with a working token, one expired.
    await addProfile(page, t, 'Back office', 'multinexo');
    await addProfile(page, t, 'Till 9', 'onapi');
    const wrong = randomAccount('factus');
    await sandbox.addAccount('factus', wrong.credentials);
    await addProfile(page, t, 'Wrong password', 'factus', { ...wrong.credentials, password: 'not-the-password' });
    await sandbox.configure('invoisys', { lifetimeSeconds: 3 });
    await addProfile(page, t, 'Lapsed', 'invoisys');
    await sandbox.failNext('invoisys', 1000, { kind: 'error', status: 503 });
    await sandbox.failNext('onapi', 100, { kind: 'error', status: 503, headers: { 'Retry-After': '600' } });
    await card(page, 'Till 9').getByRole('button', { name: t.card.refreshNow }).click();
    await expect(card(page, 'Till 9')).toHaveAttribute('data-health', 'retrying');
    await expect(card(page, 'Wrong password')).toHaveAttribute('data-health', 'no-token');
    await expect(card(page, 'Lapsed')).toHaveAttribute('data-health', 'no-token', { timeout: 20_000 });
    await expect(card(page, 'Back office')).toHaveAttribute('data-health', 'ok');

    await toDashboard(page, t);
    await atBothSizes(page, audit, 'dashboard, five profiles with problems');
    await atBothSizes(page, audit, 'a compact row opened', () => expand(page, 'Lapsed'));
    const lapsed = card(page, 'Lapsed');
    await atBothSizes(page, audit, 'history open', async () => {
      await expand(page, 'Lapsed');
      if ((await lapsed.locator('details.history[open]').count()) === 0) await lapsed.locator('details.history > summary').click();
      await expect(lapsed.locator('.timeline li').first()).toBeVisible();
    });
    await atBothSizes(page, audit, 'token file with an error', async () => {
      await expand(page, 'Lapsed');
      if ((await lapsed.locator('details.token-file[open]').count()) === 0) await lapsed.locator('details.token-file > summary').click();
      if ((await lapsed.locator('[data-field="tokenFile"] .field__error').count()) === 0) {
        await lapsed.getByLabel(t.tokenFile.field, { exact: true }).fill('relative/token.txt');
        await lapsed.locator('details.token-file').getByRole('button', { name: t.tokenFile.save, exact: true }).click();
        await expect(lapsed.locator('[data-field="tokenFile"] .field__error')).toBeVisible();
      }
    });
    // Where the clipboard is refused, the diagnostics are shown in a panel instead.
    await page.evaluate(() => {
      const nav = (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator;
      nav.clipboard.writeText = () => Promise.reject(new Error('NotAllowedError'));
    });
    await atBothSizes(page, audit, 'diagnostics panel', async () => {
      await expand(page, 'Lapsed');
      if ((await lapsed.locator('.diagnostics-fallback').count()) === 0) await lapsed.locator('[data-copy-diagnostics]').click();
      await expect(lapsed.locator('.diagnostics-fallback textarea')).toBeVisible();
    });
    // "More" is named once, for its card (not "More More actions for …").
    const more = card(page, 'Counter 1').getByRole('button', {
      name: t.cardMore.moreActionsLabel.replace('{{name}}', 'Counter 1'),
      exact: true,
    });
    await expect(more).toBeVisible();
    await atBothSizes(page, audit, '"More" menu open', async () => {
      await expand(page, 'Counter 1');
      if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
    });
    await page.keyboard.press('Escape');
    await expand(page, 'Counter 1');
    const remove = card(page, 'Counter 1').getByRole('button', { name: t.card.remove, exact: true });
    if (!(await remove.isVisible())) await card(page, 'Counter 1').locator('[data-action="more"]').click();
    await remove.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await atBothSizes(page, audit, 'removal dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Leaving the wizard with changes asks first.
    await page.getByRole('button', { name: t.dashboard.addProfile }).click();
    await page.getByLabel(t.wizard.fields.name, { exact: true }).fill('Half typed');
    await page.getByRole('button', { name: t.wizard.cancel, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await atBothSizes(page, audit, 'leave the wizard dialog');
    await page.getByRole('dialog').getByRole('button', { name: t.wizardFlow.leaveConfirm, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboard.title);

    testInfo.annotations.push({ type: 'axe', description: `${audit.runs} runs, ${Math.round(audit.spentMs / 1000)} s in axe` });
    expect(audit.violations, `axe found ${audit.violations.length} violation(s) in ${audit.runs} runs`).toEqual([]);
  });

  withHeldPort(
    `${lang}: Settings, the bundles, the installer lock and the banners pass axe (WCAG 2 A/AA) at 1280×800 and 800×600`,
    async ({ app: page }, testInfo) => {
      test.setTimeout(300_000);
      const t: Texts = LOCALES[lang];
      const lock = LOCK_NAMES[lang];
      const audit = new AxeAudit(page, testInfo, ALLOWANCES);
      await page.emulateMedia({ reducedMotion: 'reduce' });

      await chooseLanguage(page, lang);
      await atBothSizes(page, audit, 'settings, nothing set up');
      await toDashboard(page, t);
      await addProfile(page, t, 'Counter 1', 'factus');
      await expect(card(page, 'Counter 1')).toHaveAttribute('data-health', 'ok');

      // An access key, shown once; the port it wants is held, so the dashboard gets a banner.
      await toSettings(page, t);
      await page.getByLabel(t.posConnections.keyName, { exact: true }).fill('Till software');
      await page.getByRole('button', { name: t.posConnections.create }).click();
      await expect(page.locator('[data-new-key] input')).toHaveValue(/^tsk_/);
      await atBothSizes(page, audit, 'settings, access key created');
      await page.locator('[data-new-key]').getByRole('button', { name: t.posConnections.created.done, exact: true }).click();

      await toDashboard(page, t);
      await expect(page.locator('[data-banner="service-port-held"]')).toBeVisible();
      await atBothSizes(page, audit, 'dashboard, port held');

      // Export and import: the forms with their errors, then a bundle's preview.
      await toSettings(page, t);
      await page.getByRole('button', { name: t.bundles.exportButton }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: t.bundles.export.submit, exact: true }).click();
      await expect(dialog.locator('.field__error').first()).toBeVisible();
      await atBothSizes(page, audit, 'export dialog with errors');
      currentLeaks()?.secret('passphrase', PASSPHRASE, 'typed to export');
      await dialog.getByLabel(t.bundles.export.passphrase, { exact: true }).fill(PASSPHRASE);
      await dialog.getByLabel(t.bundles.export.repeat, { exact: true }).fill(PASSPHRASE);
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await dialog.getByRole('button', { name: t.bundles.export.submit, exact: true }).click();
      const file = testInfo.outputPath('a11y.tessera');
      await (await download).saveAs(file);
      currentLeaks()?.bundle(file);
      await expect(dialog).toHaveCount(0);
      await page.getByRole('button', { name: t.bundles.importButton }).click();
      await dialog.getByRole('button', { name: t.bundles.import.open, exact: true }).click();
      await expect(dialog.locator('.field__error').first()).toBeVisible();
      await atBothSizes(page, audit, 'import dialog with errors');
      await dialog.getByLabel(t.bundles.import.file, { exact: true }).setInputFiles(file);
      await dialog.getByLabel(t.bundles.import.passphrase, { exact: true }).fill(PASSPHRASE);
      await dialog.getByRole('button', { name: t.bundles.import.open, exact: true }).click();
      await expect(dialog.getByRole('listitem', { name: 'Counter 1', exact: true })).toBeVisible({ timeout: 60_000 });
      await atBothSizes(page, audit, 'import preview');
      await dialog.getByRole('button', { name: t.bundles.cancel, exact: true }).click();
      await expect(dialog).toHaveCount(0);

      // The installer lock: a PIN set (unlocked), locked, the PIN dialog, a wrong PIN, "Forgot the PIN?".
      const pinSection = page.getByRole('region', { name: lock.section, exact: true });
      await pinSection.getByLabel(lock.newPin, { exact: true }).fill(PIN);
      await pinSection.getByLabel(lock.repeatPin, { exact: true }).fill(PIN);
      currentLeaks()?.secret('installer-pin', PIN, 'set in Settings');
      await pinSection.getByRole('button', { name: lock.setPin, exact: true }).click();
      await expect(pinSection.locator('[data-pin-state]')).toHaveText(lock.pinSet);
      await atBothSizes(page, audit, 'settings, PIN set, unlocked');
      await page.locator('.topbar [data-lock-state]').getByRole('button', { name: lock.lockNow, exact: true }).click();
      await expect(page.locator('.topbar [data-lock-state]')).toHaveAttribute('data-lock-state', 'locked');
      await atBothSizes(page, audit, 'settings, locked');
      await toDashboard(page, t);
      await page.getByRole('button', { name: t.dashboard.addProfile }).click();
      const pinDialog = page.getByRole('dialog', { name: lock.dialog, exact: true });
      await expect(pinDialog).toBeVisible();
      await atBothSizes(page, audit, 'PIN dialog');
      currentLeaks()?.secret('installer-pin', WRONG_PIN, 'typed wrong');
      await pinDialog.getByLabel(lock.pin, { exact: true }).fill(WRONG_PIN);
      await pinDialog.getByRole('button', { name: lock.unlock, exact: true }).click();
      await expect(pinDialog.locator('[data-pin-wait]')).toContainText(lock.wrongPin);
      await atBothSizes(page, audit, 'PIN dialog, wrong PIN');
      await pinDialog.getByRole('button', { name: lock.forgot, exact: true }).click();
      await expect(page.getByRole('dialog', { name: lock.forgotTitle, exact: true })).toBeVisible();
      await atBothSizes(page, audit, '"Forgot the PIN?" dialog');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // Changes that cannot reach the disk: the host's own event, relayed to a reloaded page.
      let toPage: { send(message: string): void } | undefined;
      await page.routeWebSocket(/\/ws/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => server.send(message));
        server.onMessage((message) => ws.send(message));
        toPage = ws;
      });
      await page.reload();
      await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 20_000 });
      const since = Date.now();
      toPage!.send(
        JSON.stringify({ event: { type: 'storeWrite', status: { ok: false, reason: 'too_many_files', since, retryAt: since + 5000 } } }),
      );
      await expect(page.locator('[data-banner="store-write-failing"]')).toBeVisible();
      await atBothSizes(page, audit, 'dashboard, locked, changes not saved');

      testInfo.annotations.push({ type: 'axe', description: `${audit.runs} runs, ${Math.round(audit.spentMs / 1000)} s in axe` });
      expect(audit.violations, `axe found ${audit.violations.length} violation(s) in ${audit.runs} runs`).toEqual([]);
    },
  );
}
