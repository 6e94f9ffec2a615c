// One profile of each provider, added through the wizard against the built-in sandbox with an
// account of random secrets: the test sign-in reports the lifetime, the saved profile becomes
// Valid, its countdown ticks without re-rendering the card, "Refresh now" renews it, and no
// secret or whole token ever reaches the page.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { PROVIDER_LABELS, WizardPage } from './pages/wizard';
import { valuesOf } from './support/flows';
import { methodOf } from './support/frames';
import { heldTokens, tokenFingerprints } from './support/held-tokens';
import { type ProviderId, randomAccount } from './support/sandbox';

const LIFETIME_TEXT: Record<ProviderId, RegExp> = {
  ereceipt: /valid for 1 hour, until (\S.*, )?\d\d:\d\d\./,
  onapi: /valid for \d+ (hour|minute)s?, until /,
  multinexo: /valid for 15 minutes, until (\S.*, )?\d\d:\d\d\./,
  factus: /valid for 1 hour, until (\S.*, )?\d\d:\d\d\./,
  // A day: until tomorrow, so with the date ("until Wed 2 Dec, 10:25").
  invoisys: /valid for 1 day( and \d+ hours?)?, until \w{3} \d{1,2} \w{3}, \d\d:\d\d\./,
};

const SECRET_SENDERS = new Set(['createProfile', 'updateProfile', 'testConnection']);

for (const provider of Object.keys(PROVIDER_LABELS) as ProviderId[]) {
  test(`adds a ${provider} profile through the wizard and keeps it valid`, async ({ app: page, sandbox, frames, host }) => {
    const account = randomAccount(
      provider,
      provider === 'multinexo'
        ? { firstName: 'Ana', lastName: 'Cajera', uid: 'u-4711' }
        : provider === 'ereceipt'
          ? { taxpayerName: 'Kiosk Cairo LLC', tags: ['B2C'] }
          : undefined,
    );
    await sandbox.addAccount(provider, account.credentials, account.extras);
    const dashboard = new DashboardPage(page);
    const wizard = new WizardPage(page);
    const name = `${provider} counter`;

    await dashboard.addProfileButton.click();
    await wizard.expectOpen();
    await wizard.nameInput.fill(name);
    await wizard.chooseProvider(PROVIDER_LABELS[provider]);
    await wizard.chooseEnvironment('Sandbox (built-in)');
    if (provider === 'multinexo') await expect(wizard.field('scope')).toHaveValue('openid profile email voucher');
    if (provider === 'ereceipt') await expect(wizard.field('posOsVersion')).not.toHaveValue('');
    await wizard.fill(valuesOf(account));

    await wizard.testConnection();
    await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
    await expect(wizard.testResult).toContainText(LIFETIME_TEXT[provider]);
    if (provider === 'multinexo') await expect(wizard.testResult).toContainText('Ana Cajera');
    if (provider === 'ereceipt') await expect(wizard.testResult).toContainText('Kiosk Cairo LLC');

    await wizard.saveButton.click();
    const card = dashboard.card(name);
    await card.expectStatus('Valid');
    await expect(card.root).toContainText(PROVIDER_LABELS[provider]);
    await expect(card.root).toContainText('Sandbox (built-in)');
    await expect(card.lifetime).toBeVisible();
    if (provider === 'multinexo') {
      await expect(card.root).toContainText('Ana Cajera');
      await expect(card.root).toContainText('u-4711');
    }
    if (provider === 'ereceipt') {
      await expect(card.root).toContainText('Kiosk Cairo LLC');
      await expect(card.root.locator('.tag')).toHaveText(['B2C']);
      await expect(card.root.locator('[data-warning="b2c-missing"]')).toHaveCount(0);
    }

    // The countdown reads in units (minutes above the last five; that it ticks each second
    // there without re-rendering the card is checked in glance.spec.ts, with a short lifetime).
    await expect(card.countdown).toHaveText(/^(\d+\sd\s)?(\d+\sh\s?)?(\d+\smin)?$/);
    await expect(card.countdown).toHaveAttribute('aria-label', /^Expires in \d+ (day|hour|minute)s?/);

    // "Refresh now" renews (refresh token or login, whatever the provider does). The host seals
    // each new token into its store a moment after the change; wait for it there.
    await expect.poll(async () => (await heldTokens(host.dataDir)).length).toBeGreaterThan(0);
    const tokens = new Set(await heldTokens(host.dataDir));
    const isNew = async () => (await heldTokens(host.dataDir)).some((t) => !tokens.has(t));
    const issuedBefore = await card.issuedAt();
    await card.refreshNowButton.click();
    await expect.poll(() => card.issuedAt()).toBeGreaterThan(issuedBefore);
    await card.expectStatus('Valid');
    await card.openHistory();
    await expect(card.historyItems.first()).toContainText(/Token renewed with the refresh token|Signed in/);
    await expect(card.historyItems.first()).toContainText('you asked');
    await expect.poll(isNew).toBe(true);
    for (const t of await heldTokens(host.dataDir)) tokens.add(t);

    // Nothing secret in what the page received; no whole token in anything it sent.
    const received = frames.received();
    expect(received.length).toBeGreaterThan(0);
    for (const payload of received) {
      for (const secret of account.secrets) expect(payload, 'a secret reached the page').not.toContain(secret);
      for (const token of tokens)
        for (const piece of tokenFingerprints(token)) expect(payload, 'a token reached the page').not.toContain(piece);
    }
    for (const payload of frames.sent()) {
      for (const token of tokens)
        for (const piece of tokenFingerprints(token)) expect(payload, 'the page sent a token').not.toContain(piece);
      if (account.secrets.some((s) => payload.includes(s))) expect(SECRET_SENDERS).toContain(methodOf(payload));
    }
    // The page's own state holds no secret once saved.
    const html = await page.content();
    for (const secret of account.secrets) expect(html).not.toContain(secret);
  });
}
