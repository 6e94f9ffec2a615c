// Tokens renew on their own before they expire: with a 20-second lifetime the engine renews at
// about 80 % of it, and the card and its history show it without anyone pressing a button.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

test('renews a short-lived token automatically, with the refresh token', async ({ app: page, sandbox }) => {
  test.setTimeout(120_000);
  await sandbox.configure('factus', { lifetimeSeconds: 20 });
  const account = randomAccount('factus');
  await sandbox.addAccount('factus', account.credentials);
  await addProfile(page, { name: 'Short lived', provider: 'factus', values: valuesOf(account) });

  const card = new DashboardPage(page).card('Short lived');
  await card.expectStatus('Valid');
  const issuedAt = await card.issuedAt();
  // Seconds only in the last five minutes: "19 s", never a bare "0:19".
  await expect(card.countdown).toHaveText(/^(1\d|20)\ss$/);

  // Renewal is planned at 80 % of 20 s minus up to 5 % jitter: 15 to 16 s after sign-in.
  await expect.poll(() => card.issuedAt(), { timeout: 40_000 }).toBeGreaterThan(issuedAt);
  await card.expectStatus('Valid');
  await card.openHistory();
  const renewed = card.historyItems.filter({ hasText: 'Token renewed with the refresh token' });
  await expect(renewed.first()).toContainText('on schedule');
  const stats = await sandbox.stats('factus');
  expect(stats.refreshes).toBeGreaterThanOrEqual(1);
  expect(stats.failedRefreshes + stats.failedLogins).toBe(0);
});
