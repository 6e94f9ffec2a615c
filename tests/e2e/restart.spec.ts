// Restarting the host on the same data keeps the profiles and reuses their valid tokens: the
// (freshly started) sandbox sees no sign-in at all.
import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { addProfile } from './support/flows';

test('a restart keeps profiles and reuses valid tokens without signing in again', async ({ app: page, host, sandbox }) => {
  await addProfile(page, { name: 'Counter A', provider: 'factus', demo: true });
  await addProfile(page, { name: 'Counter B', provider: 'ereceipt', demo: true });
  const dashboard = new DashboardPage(page);
  await dashboard.card('Counter A').expectStatus('Valid');
  await dashboard.card('Counter B').expectStatus('Valid');
  const issued = { a: await dashboard.card('Counter A').issuedAt(), b: await dashboard.card('Counter B').issuedAt() };

  await host.restart();
  await openApp(page, host.url);

  await expect(dashboard.cards).toHaveCount(2);
  for (const [name, at] of [
    ['Counter A', issued.a],
    ['Counter B', issued.b],
  ] as const) {
    const card = dashboard.card(name);
    await card.expectStatus('Valid');
    expect(await card.issuedAt()).toBe(at);
    await card.openHistory();
    await expect(card.historyItems.first()).toContainText('Saved token reused after a restart');
  }
  expect(await sandbox.log('factus')).toEqual([]);
  expect(await sandbox.log('ereceipt')).toEqual([]);
});
