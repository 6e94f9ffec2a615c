// 1,000 profiles (issue 11 §6): the dashboard renders only the rows on screen, the summary and
// the order are right for all of them, and only countdowns on screen tick. The data folder is
// seeded through core (bench/ui/seed.ts) while the host is stopped: a thousand wizards would
// take an hour.
import { seededName, seedProfiles } from '../../bench/ui/seed';
import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { saveScreenshot, VIEWPORTS } from './support/screens';

const N = 1000;
/** seed.ts gives every 33rd profile a wrong password. */
const PROBLEMS = Array.from({ length: N }, (_, i) => i).filter((i) => i % 33 === 32);

test('1,000 profiles: only what is on screen is rendered, the summary and order are right', async ({ page, host }) => {
  test.setTimeout(420_000);
  await host.stop();
  // Tokens that outlive the test: what is under test is the dashboard, not a mass re-login.
  const seeded = await seedProfiles(host.dataDir, N, { lifetimeSeconds: 6 * 3600 });
  await seeded.close();
  await host.restart();
  await page.setViewportSize(VIEWPORTS.wide);
  await openApp(page, host.url);
  const dashboard = new DashboardPage(page);

  const list = page.getByRole('list', { name: 'Profiles', exact: true });
  await expect(list).toHaveAttribute('data-count', String(N));
  await expect(page.locator('.summary__text')).toHaveText(`${PROBLEMS.length} of ${N} need attention`);
  await expect(page).toHaveTitle(`Tessera — ${PROBLEMS.length} of ${N} need attention`);

  // Problems first, by name; the rest by name after them.
  const first = await page.locator('main section[data-profile-id] h2').allTextContents();
  expect(first.slice(0, 3)).toEqual(PROBLEMS.slice(0, 3).map(seededName));
  // Far fewer cards than profiles, and each item knows its place in the whole list.
  const cards = () => dashboard.cards.count();
  expect(await cards()).toBeLessThan(40);
  await expect(page.locator('[role="listitem"]').first()).toHaveAttribute('aria-setsize', String(N));
  await expect(page.locator('[role="timer"]')).toHaveCount(await cards());
  await saveScreenshot(page, 'scale-1000-top-1280x800');

  // Scrolled to the end: the last profiles by name, still only a screenful in the page.
  await page.locator('[data-scroll-container]').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 1e9));
  await expect(dashboard.card(seededName(N - 1)).root).toBeVisible();
  expect(await cards()).toBeLessThan(40);
  await expect(page.locator(`[role="listitem"][aria-posinset="${N}"]`)).toHaveCount(1);
  await saveScreenshot(page, 'scale-1000-end-1280x800');

  // Compact rows at 800×600: still only a screenful, still in order.
  await page.setViewportSize(VIEWPORTS.small);
  await page.locator('[data-scroll-container]').evaluate((el) => ((el as unknown as { scrollTop: number }).scrollTop = 0));
  await expect(page.locator('main section[data-profile-id] h2').first()).toHaveText(seededName(PROBLEMS[0]!));
  expect(await cards()).toBeLessThan(40);

  // Only countdowns on screen tick: the rows kept just outside the view are in the page but idle.
  const timers = page.locator('main .countdown');
  const ticking = page.locator('main .countdown[data-ticking]');
  await expect(ticking.first()).toBeInViewport();
  await expect.poll(async () => (await timers.count()) - (await ticking.count())).toBeGreaterThan(0);
  for (const timer of await ticking.all()) await expect(timer).toBeInViewport();
});
