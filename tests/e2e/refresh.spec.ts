// "Refresh now" pressed twice in a row (a double click on a shop counter) sends one token
// request, not two; "Refresh all" renews every profile once.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

test('a double-clicked "Refresh now" sends exactly one token request', async ({ app: page, sandbox }) => {
  const account = randomAccount('onapi');
  await sandbox.addAccount('onapi', account.credentials);
  await addProfile(page, { name: 'Till 2', provider: 'onapi', values: valuesOf(account) });
  const card = new DashboardPage(page).card('Till 2');
  await card.expectStatus('Valid');
  // A slow provider, so the second click lands while the first request is still out.
  await sandbox.configure('onapi', { latencyMs: 400 });
  const before = await sandbox.tokenRequests('onapi');
  const issuedAt = await card.issuedAt();

  await card.refreshNowButton.dblclick();

  await expect.poll(() => card.issuedAt()).toBeGreaterThan(issuedAt);
  // The button is back once the request (and the double-click guard) is over.
  await expect(card.refreshNowButton).toBeVisible();
  await expect(card.refreshNowButton).not.toHaveAttribute('aria-disabled', 'true');
  expect(await sandbox.tokenRequests('onapi')).toBe(before + 1);
  await card.openHistory();
  await expect(card.historyItems.filter({ hasText: 'you asked' })).toHaveCount(2); // the sign-in at creation, and this one
});

test('"Refresh all" renews every profile once', async ({ app: page, sandbox }) => {
  const invoisys = randomAccount('invoisys');
  const multinexo = randomAccount('multinexo');
  await sandbox.addAccount('invoisys', invoisys.credentials);
  await sandbox.addAccount('multinexo', multinexo.credentials);
  await addProfile(page, { name: 'Loja 1', provider: 'invoisys', values: valuesOf(invoisys) });
  await addProfile(page, { name: 'Caja 7', provider: 'multinexo', values: valuesOf(multinexo) });
  const dashboard = new DashboardPage(page);
  await dashboard.card('Loja 1').expectStatus('Valid');
  await dashboard.card('Caja 7').expectStatus('Valid');
  const before = { invoisys: await sandbox.stats('invoisys'), multinexo: await sandbox.stats('multinexo') };

  await dashboard.refreshAllButton.click();

  await expect.poll(async () => (await sandbox.stats('invoisys')).logins).toBe(before.invoisys.logins + 1);
  await expect.poll(async () => (await sandbox.stats('multinexo')).refreshes).toBe(before.multinexo.refreshes + 1);
  await expect(dashboard.refreshAllButton).toBeVisible();
  await dashboard.card('Loja 1').expectStatus('Valid');
  await dashboard.card('Caja 7').expectStatus('Valid');
});
