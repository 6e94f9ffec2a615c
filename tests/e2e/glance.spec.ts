// The dashboard a cashier reads in one second (issue 11), in English, Spanish and Portuguese,
// at 1280×800, 1024×768 and 800×600: the summary line (and the window title saying the same),
// problem cards first and coloured by whether POS programs can get a token, compact rows that
// expand on demand, one-row header, the development banner folded, times in units and words,
// history with repeats collapsed in a focusable region, one polite announcer, and the toast in
// its own strip. Screenshots land in test-results/screenshots/.
import type { Locator, Page } from '@playwright/test';

import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { type Lang, SettingsPage } from './pages/settings';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount, type SandboxControls } from './support/sandbox';
import { saveScreenshot, VIEWPORTS } from './support/screens';

const TEXT = {
  en: {
    profiles: 'Profiles',
    summary: '2 of 5 need attention',
    allOk: 'All 5 profiles can get a token',
    noToken: 'POS programs can’t get a token',
    retryingLink: 'Till 9: retrying, the current token still works',
    noTokenLink: 'Wrong password: POS programs can’t get a token',
    refreshNow: 'Refresh now',
    details: 'Details',
    more: 'More',
    remove: 'Remove',
    expiresIn: /^Expires in \d+ (minute|hour)s?/,
    stillWorks: /^The current token still works until (\S.*, )?\d\d:\d\d\.$/,
    worse: 'Till 9: retrying, the current token still works',
    refreshedAll: /^Refresh all finished\. /,
  },
  es: {
    profiles: 'Perfiles',
    summary: '2 de 5 requieren atención',
    allOk: 'Los 5 perfiles pueden obtener un token',
    noToken: 'los programas del POS no pueden obtener un token',
    retryingLink: 'Till 9: reintentando, el token actual sigue funcionando',
    noTokenLink: 'Wrong password: los programas del POS no pueden obtener un token',
    refreshNow: 'Renovar ahora',
    details: 'Detalles',
    more: 'Más',
    remove: 'Eliminar',
    expiresIn: /^Vence en \d+ (minuto|hora)s?/,
    stillWorks: /^El token actual sigue funcionando hasta (las|el \S.*,) \d\d:\d\d\.$/,
    worse: 'Till 9: reintentando, el token actual sigue funcionando',
    refreshedAll: /^Se terminó de renovar todo\. /,
  },
  pt: {
    profiles: 'Perfis',
    summary: '2 de 5 precisam de atenção',
    allOk: 'Todos os 5 perfis podem obter um token',
    noToken: 'os programas do PDV não conseguem obter um token',
    retryingLink: 'Till 9: tentando de novo, o token atual ainda funciona',
    noTokenLink: 'Wrong password: os programas do PDV não conseguem obter um token',
    refreshNow: 'Renovar agora',
    details: 'Detalhes',
    more: 'Mais',
    remove: 'Remover',
    expiresIn: /^Expira em \d+ (minuto|hora)s?/,
    stillWorks: /^O token atual ainda funciona até (\S.*, )?\d\d:\d\d\.$/,
    worse: 'Till 9: tentando de novo, o token atual ainda funciona',
    refreshedAll: /^A renovação de todos os perfis terminou\. /,
  },
} as const;

const NAV: Record<Lang, string> = { en: 'Profiles', es: 'Perfiles', pt: 'Perfis' };

async function switchLanguage(page: Page, to: Lang): Promise<void> {
  if (to === 'en') return;
  const settings = new SettingsPage(page);
  await settings.open('en');
  await settings.chooseLanguage(to, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', to);
  await page.getByRole('navigation').getByRole('button', { name: NAV[to] }).click();
}

/** Profile names in the order their cards are in the page. */
function cardOrder(page: Page): Promise<string[]> {
  return page.locator('main section[data-profile-id] h2').allTextContents();
}

/** Sets up five profiles: three fine, one refused (no token), one retrying with a working token. */
async function fiveProfiles(page: Page, sandbox: SandboxControls): Promise<void> {
  await addProfile(page, { name: 'Counter 2', provider: 'invoisys', demo: true });
  await addProfile(page, { name: 'Counter 1', provider: 'factus', demo: true });
  await addProfile(page, { name: 'Back office', provider: 'multinexo', demo: true });
  await addProfile(page, { name: 'Till 9', provider: 'onapi', demo: true });
  const dashboard = new DashboardPage(page);
  for (const name of ['Counter 2', 'Counter 1', 'Back office', 'Till 9']) await dashboard.card(name).expectStatus('Valid');
  // A wrong password: refused, no token at all.
  const wrong = randomAccount('factus');
  await sandbox.addAccount('factus', wrong.credentials);
  await addProfile(page, { name: 'Wrong password', provider: 'factus', values: { ...valuesOf(wrong), password: 'not-the-password' } });
  await dashboard.card('Wrong password').expectStatus('Needs attention');
  // An outage on renewal: retried (in ten minutes, as the provider asks), the old token still works.
  await sandbox.failNext('onapi', 100, { kind: 'error', status: 503, headers: { 'Retry-After': '600' } });
  await dashboard.card('Till 9').refreshNowButton.click();
  await dashboard.card('Till 9').expectStatus('Retrying');
}

for (const lang of ['en', 'es', 'pt'] as const) {
  test(`summary line, problem-first order, red and amber, at three sizes (${lang})`, async ({ app: page, sandbox }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    await page.setViewportSize(VIEWPORTS.wide);
    await fiveProfiles(page, sandbox);
    await switchLanguage(page, lang);
    const dashboard = new DashboardPage(page);
    const summary = page.getByRole('region', {
      name: { en: 'Status of all profiles', es: 'Estado de todos los perfiles', pt: 'Status de todos os perfis' }[lang],
    });

    // The summary line says it, the window title says the same, and each problem links to its card.
    await expect(summary.locator('.summary__text')).toHaveText(text.summary);
    await expect(summary).toHaveAttribute('data-summary', 'problems');
    await expect(page).toHaveTitle(`Tessera — ${text.summary}`);
    await expect(summary.getByRole('link')).toHaveText([text.noTokenLink, text.retryingLink]);

    // Problems first (no token, then retrying), then the rest by name.
    expect(await cardOrder(page)).toEqual(['Wrong password', 'Till 9', 'Back office', 'Counter 1', 'Counter 2']);
    const wrong = dashboard.card('Wrong password');
    const till = dashboard.card('Till 9');
    await expect(wrong.root).toHaveAttribute('data-health', 'no-token');
    await expect(wrong.alarm).toHaveText(`✕ ${text.noToken}`);
    await expect(wrong.status).toHaveCSS('color', 'rgb(163, 23, 14)');
    // Amber only while the current token still works.
    await expect(till.root).toHaveAttribute('data-health', 'retrying');
    await expect(till.alarm).toHaveCount(0);
    await expect(till.status).toHaveCSS('color', 'rgb(122, 74, 0)');
    await expect(till.root.locator('.still-works')).toHaveText(text.stillWorks);
    await expect(dashboard.card('Counter 1').status).toHaveCSS('color', 'rgb(20, 92, 45)');
    // Status words are not live regions: the one announcer is the only one on the page.
    await expect(page.locator('[aria-live]')).toHaveCount(1);
    await expect(page.locator('main [role="status"]')).toHaveCount(0);
    await expect(dashboard.card('Counter 1').countdown).toHaveAttribute('aria-label', text.expiresIn);

    // The summary stays in view when the list scrolls.
    await page.locator('[data-scroll-container]').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 10_000));
    await expect(summary).toBeInViewport();
    await saveScreenshot(page, `glance-dashboard-${lang}-1280x800`);

    // The link takes focus to its card.
    await summary.getByRole('link', { name: text.retryingLink }).click();
    await expect(till.root).toBeFocused();
    await expect(till.root).toBeInViewport();

    // 1024×768: still full cards, and nothing wraps in the card's action row.
    await page.setViewportSize(VIEWPORTS.medium);
    await expect(dashboard.card('Counter 1').root.locator('meter')).toBeVisible();
    await expect(dashboard.card('Counter 1').detailsToggle).toHaveCount(0);
    await expectOneRow(page, dashboard.card('Counter 1').root.locator('.card__actions button:visible'));
    await saveScreenshot(page, `glance-dashboard-${lang}-1024x768`);

    // 800×600: one compact row per profile (name, state, time left, Refresh now), opened on demand.
    await page.setViewportSize(VIEWPORTS.small);
    const counter = dashboard.card('Counter 1');
    await expect(counter.detailsToggle).toHaveText(new RegExp(`^${text.details}\\b`));
    await expect(counter.detailsToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(counter.root.getByRole('button', { name: text.refreshNow })).toBeVisible();
    await expect(counter.countdown).toBeVisible();
    await expect(counter.root.locator('meter')).toHaveCount(0);
    const rowHeight = (await counter.root.boundingBox())!.height;
    expect(rowHeight).toBeLessThan(130);
    await expect(page.locator('.topbar__tagline')).toBeHidden();
    expect((await page.locator('.topbar').boundingBox())!.height).toBeLessThan(70);
    await saveScreenshot(page, `glance-dashboard-${lang}-800x600`);
    await counter.expand();
    await expect(counter.root.locator('meter')).toBeVisible();
    await expect(counter.root.locator('.card__body')).toBeVisible();
    await saveScreenshot(page, `glance-dashboard-open-${lang}-800x600`, { fullPage: true });
    await counter.detailsToggle.click();
    await expect(counter.root.locator('meter')).toHaveCount(0);
  });
}

/** Every visible button of a row sits on the same line (none wrapped below), inside its card (none cut off or spilling over the next card). */
async function expectOneRow(page: Page, buttons: Locator): Promise<void> {
  void page;
  type Box = { top: number; left: number; right: number };
  type El = { getBoundingClientRect(): Box; closest(selector: string): El | null };
  const boxes = await buttons.evaluateAll((els) =>
    els.map((el) => {
      const box = (el as unknown as El).getBoundingClientRect();
      const card = (el as unknown as El).closest('section[data-profile-id]')!.getBoundingClientRect();
      return { top: box.top, inside: box.left >= card.left && box.right <= card.right };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
  expect(boxes.map((b) => b.inside)).not.toContain(false);
}

test('"Remove" moves into "More" when the row is short, and Portuguese never wraps', async ({ app: page }) => {
  await addProfile(page, { name: 'Loja 1', provider: 'invoisys', demo: true });
  await addProfile(page, { name: 'Loja 2', provider: 'invoisys', demo: true });
  await addProfile(page, { name: 'Loja 3', provider: 'invoisys', demo: true });
  await switchLanguage(page, 'pt');
  const dashboard = new DashboardPage(page);
  const card = dashboard.card('Loja 1');
  // Three cards a row at 1280: the row is short, so "Remover" waits in "Mais".
  await page.setViewportSize(VIEWPORTS.wide);
  await expect(card.root.getByRole('button', { name: 'Remover', exact: true })).toHaveCount(0);
  await expect(card.moreButton).toBeVisible();
  await expectOneRow(page, card.root.locator('.card__actions button:visible'));
  // "Copiar diagnóstico" stays on the card, below the row that has no room for it.
  await expect(card.root.locator('[data-copy-diagnostics]')).toHaveText('Copiar diagnóstico');
  await card.moreButton.click();
  await expect(card.moreButton).toHaveAttribute('aria-expanded', 'true');
  await saveScreenshot(page, 'glance-more-menu-pt-1280x800');
  await card.root.getByRole('button', { name: 'Remover', exact: true }).click();
  await expect(dashboard.dialog).toContainText('Remover “Loja 1”?');
  await page.keyboard.press('Escape');
  await expect(card.moreButton).toBeFocused();
  // Escape closes the menu too, and focus goes back to its button.
  await card.moreButton.click();
  await page.keyboard.press('Escape');
  await expect(card.moreButton).toHaveAttribute('aria-expanded', 'false');
  await expect(card.moreButton).toBeFocused();
  // Two cards a row at 1024: there is room, "Remover" is a button of its own.
  await page.setViewportSize(VIEWPORTS.medium);
  await expect(card.root.getByRole('button', { name: 'Remover', exact: true })).toBeVisible();
  await expect(card.moreButton).toBeHidden();
  await expectOneRow(page, card.root.locator('.card__actions button:visible'));
});

test('times read in units and words; history collapses repeats in a focusable region', async ({ app: page, sandbox }) => {
  test.setTimeout(150_000);
  const dashboard = new DashboardPage(page);
  // Four minutes: the countdown shows seconds, and ticks without re-rendering the card.
  await sandbox.configure('factus', { lifetimeSeconds: 240 });
  await addProfile(page, { name: 'Short', provider: 'factus', demo: true });
  const short = dashboard.card('Short');
  await short.expectStatus('Valid');
  await expect(short.countdown).toHaveText(/^[34]\smin\s\d{1,2}\ss$|^4\smin$/);
  await expect(short.countdown).toHaveAttribute('aria-label', /^Expires in [34] minutes?( and \d+ seconds?)?$/);
  // Counted from the first tick on, once the sign-in's own updates have landed (on a loaded
  // machine the last of them can arrive a second late): then two ticks, and no re-render.
  const first = await short.countdown.textContent();
  await expect(short.countdown).not.toHaveText(first ?? '');
  const renders = await short.renderCount();
  const second = await short.countdown.textContent();
  await expect(short.countdown).not.toHaveText(second ?? '');
  const third = await short.countdown.textContent();
  await expect(short.countdown).not.toHaveText(third ?? '');
  expect(await short.renderCount()).toBe(renders);
  // "Next renewal" is a time of day (no seconds); today has no date.
  await expect(short.root.locator('dt', { hasText: 'Next renewal' }).locator('+ dd')).toHaveText(/^(\S.*, )?\d\d:\d\d$/);

  // A token that runs out while the provider is down: "Expired … ago", red, no past "Next renewal".
  await sandbox.configure('invoisys', { lifetimeSeconds: 3 });
  await addProfile(page, { name: 'Lapsed', provider: 'invoisys', demo: true });
  await sandbox.failNext('invoisys', 200, { kind: 'error', status: 503 });
  const lapsed = dashboard.card('Lapsed');
  await expect(lapsed.root).toHaveAttribute('data-health', 'no-token', { timeout: 20_000 });
  await expect(lapsed.root.locator('.countdown__label')).toHaveText('Expired');
  await expect(lapsed.countdown).toHaveText(/^\d+\ss ago$/);
  await expect(lapsed.countdown).toHaveAttribute('aria-label', /^Expired \d+ seconds? ago$/);
  await expect(lapsed.alarm).toContainText('POS programs can’t get a token');
  await expect(lapsed.root.getByText('Next renewal')).toHaveCount(0);
  // The wait before the next try, and what it means, are the policy's: a random wait, not "longer each time".
  await expect(lapsed.root.locator('[data-next-attempt] dd')).toHaveText(
    /^(in (\d+\smin\s)?\d+\ss|any moment now) \((\S.*, )?\d\d:\d\d\)$/,
  );
  await expect(lapsed.failure).toContainText('Each wait is drawn at random up to a limit that doubles after every failure');
  await expect(lapsed.failure).not.toContainText('a little longer each time');
  // The first cards the list shows are the problems.
  expect((await cardOrder(page))[0]).toBe('Lapsed');

  // History: the failures in a row are one line with a count, durations rounded.
  await expect.poll(() => sandbox.tokenRequests('invoisys'), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  await lapsed.openHistory();
  const region = lapsed.root.getByRole('region', { name: 'History of Lapsed' });
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute('tabindex', '0');
  await region.focus();
  await expect(region).toBeFocused();
  // (The renewal that failed before the token lapsed is a line of its own, after "The token expired".)
  const failed = lapsed.historyItems.filter({ hasText: 'Attempt failed' });
  await expect(lapsed.historyItems.first()).toContainText('Attempt failed');
  await expect(lapsed.historyItems.first()).toContainText(/\d+ times since (\S.*, )?\d\d:\d\d/);
  await expect(lapsed.historyItems.first()).toContainText(/next try in \d+(\.\d)?\ss/);
  expect(await failed.count()).toBeLessThanOrEqual(2);
  expect(await lapsed.historyItems.filter({ hasText: 'The token expired' }).count()).toBe(1);
  await expect(lapsed.historyItems.filter({ hasText: 'Signed in' }).first()).toContainText(/took \d+(\.\d)?\ss/);
  await saveScreenshot(page, 'glance-times-history-en-1024x700', { fullPage: true });
});

test('one polite announcer: a profile getting worse, "Refresh all", "Refresh now" confirmed briefly; the toast covers nothing', async ({
  app: page,
  sandbox,
}) => {
  test.setTimeout(150_000);
  const dashboard = new DashboardPage(page);
  const announcer = page.locator('[data-announcer]');
  await addProfile(page, { name: 'Till 9', provider: 'onapi', demo: true });
  await addProfile(page, { name: 'Counter 1', provider: 'factus', demo: true });
  await dashboard.card('Till 9').expectStatus('Valid');
  await dashboard.card('Counter 1').expectStatus('Valid');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');

  // "Refresh now": a new token, confirmed on the card for a moment and said once.
  await dashboard.card('Counter 1').refreshNowButton.click();
  await expect(dashboard.card('Counter 1').root.locator('[data-renewed]')).toHaveText('✓ Renewed');
  await expect(announcer).toHaveText(/^Counter 1: new token, valid until (\S.*, )?\d\d:\d\d\.$/);
  await expect(dashboard.card('Counter 1').root.locator('[data-renewed]')).toHaveCount(0, { timeout: 6000 });
  // The toast says it in its own strip at the bottom right, over no part of the page.
  const toast = page.locator('[data-toast]');
  await expect(toast).toHaveText(/^Counter 1: new token/);
  const toastBox = (await toast.boundingBox())!;
  const viewBox = (await page.locator('[data-scroll-container]').boundingBox())!;
  expect(toastBox.y).toBeGreaterThanOrEqual(viewBox.y + viewBox.height - 1);
  expect(toastBox.x + toastBox.width).toBeGreaterThan((page.viewportSize()!.width * 3) / 4);

  // Getting worse is said once, with the profile's name; the renewal before it said nothing.
  await sandbox.failNext('onapi', 100, { kind: 'error', status: 503, headers: { 'Retry-After': '600' } });
  await dashboard.card('Till 9').refreshNowButton.click();
  await expect(announcer).toHaveText(TEXT.en.worse);

  // "Refresh all" says one summary, not one line per profile.
  await sandbox.configure('onapi', {});
  await dashboard.refreshAllButton.click();
  await expect(announcer).toHaveText(TEXT.en.refreshedAll);
  await expect(announcer).toContainText(/needs? attention|can get a token/);
});

test('the development banner folds to its title and stays folded; the header keeps one row', async ({ app: page, host }) => {
  const dashboard = new DashboardPage(page);
  const banner = dashboard.banner('development-only');
  await expect(banner.locator('.banner__body')).toBeVisible();
  await banner.getByRole('button', { name: 'Hide' }).click();
  await expect(banner.locator('.banner__body')).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Show details' })).toHaveAttribute('aria-expanded', 'false');
  await expect(banner).toContainText('Development host');
  await openApp(page, host.url);
  await expect(dashboard.banner('development-only').locator('.banner__body')).toHaveCount(0);
  for (const size of [VIEWPORTS.wide, VIEWPORTS.small]) {
    await page.setViewportSize(size);
    expect((await page.locator('.topbar').boundingBox())!.height).toBeLessThan(70);
  }
  await dashboard.banner('development-only').getByRole('button', { name: 'Show details' }).click();
  await expect(dashboard.banner('development-only').locator('.banner__body')).toBeVisible();
});

test('inputs have a 3:1 border, and About explains the secret storage in words', async ({ app: page }) => {
  await new DashboardPage(page).addProfileButton.click();
  const input = page.getByLabel('Profile name', { exact: true });
  const [border, background] = await input.evaluate((el) => {
    const style = (
      globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string; backgroundColor: string } }
    ).getComputedStyle(el);
    return [style.borderTopColor, style.backgroundColor];
  });
  expect(contrast(border, background)).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const settings = new SettingsPage(page);
  for (const lang of ['en', 'es', 'pt'] as const) {
    await settings.open(lang === 'en' ? 'en' : lang);
    if (lang !== 'en') {
      // (switched below)
    }
    const storage = page.locator('[data-secret-storage]');
    await expect(storage).toContainText(
      {
        en: 'A key file next to the data (development host only)',
        es: 'Un archivo de clave junto a los datos',
        pt: 'Um arquivo de chave junto aos dados',
      }[lang],
    );
    await expect(storage.locator('code')).toHaveText('aes-256-gcm-keyfile');
    if (lang === 'en') await saveScreenshot(page, 'glance-settings-about-en-800x600');
    const next = lang === 'en' ? 'es' : lang === 'es' ? 'pt' : undefined;
    if (next) await settings.chooseLanguage(next, lang);
  }
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
    const f = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(bl!);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}
