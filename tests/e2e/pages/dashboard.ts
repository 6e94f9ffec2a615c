// The dashboard, by roles and the exact English names users see.
import { expect, type Locator, type Page } from '@playwright/test';

export class ProfileCard {
  constructor(readonly root: Locator) {}

  /**
   * The large status word: Valid, Renewing, Expiring soon, Needs attention... (not a live
   * region: the one announcer speaks instead).
   */
  get status(): Locator {
    return this.root.locator('[data-status]');
  }

  /** The red line "POS programs can't get a token". */
  get alarm(): Locator {
    return this.root.locator('[data-alarm]');
  }

  /** Compact rows (below 1024 px): the button that shows or hides the details. */
  get detailsToggle(): Locator {
    return this.root.locator('[data-action="details"]');
  }

  /** The "More" button of the card's actions (holds "Remove" when the row is short). */
  get moreButton(): Locator {
    return this.root.locator('[data-action="more"]');
  }

  /** Opens the details of a compact row (does nothing on a full card). */
  async expand(): Promise<void> {
    if ((await this.detailsToggle.count()) === 0) return;
    if ((await this.detailsToggle.getAttribute('aria-expanded')) !== 'true') await this.detailsToggle.click();
    await expect(this.detailsToggle).toHaveAttribute('aria-expanded', 'true');
  }

  /** Presses "Remove", from the "More" menu when that is where it is. */
  async pressRemove(name = 'Remove'): Promise<void> {
    await this.expand();
    const direct = this.root.getByRole('button', { name, exact: true });
    if (!(await direct.isVisible())) await this.moreButton.click();
    await direct.click();
  }

  /** The countdown to expiry (role=timer). */
  get countdown(): Locator {
    return this.root.getByRole('timer');
  }

  get lifetime(): Locator {
    return this.root.getByRole('meter', { name: 'Lifetime left' });
  }

  get refreshNowButton(): Locator {
    return this.root.getByRole('button', { name: 'Refresh now' });
  }

  get editButton(): Locator {
    return this.root.getByRole('button', { name: 'Edit', exact: true });
  }

  get removeButton(): Locator {
    return this.root.getByRole('button', { name: 'Remove', exact: true });
  }

  /** The explained last error (its class heading, explanation, provider message, code). */
  get failure(): Locator {
    return this.root.locator('.failure');
  }

  get historyToggle(): Locator {
    return this.root.getByText('History', { exact: true });
  }

  get historyItems(): Locator {
    return this.root.locator('.timeline li');
  }

  /** The "Token file" disclosure; its summary shows the path when one is set. */
  get tokenFile(): Locator {
    return this.root.locator('details.token-file');
  }

  get tokenFilePath(): Locator {
    return this.tokenFile.locator('.token-file__path');
  }

  get tokenFileInput(): Locator {
    return this.root.getByLabel('Token file', { exact: true });
  }

  get tokenFileError(): Locator {
    return this.root.locator('[data-field="tokenFile"] .field__error');
  }

  async openTokenFile(): Promise<void> {
    if ((await this.root.locator('details.token-file[open]').count()) === 0) await this.tokenFile.locator('summary').click();
    await expect(this.tokenFileInput).toBeVisible();
  }

  /** Types a path into "Token file" and saves it (the outcome is for the caller to check). */
  async setTokenFile(path: string): Promise<void> {
    await this.openTokenFile();
    await this.tokenFileInput.fill(path);
    await this.tokenFile.getByRole('button', { name: 'Save', exact: true }).click();
  }

  async clearTokenFile(): Promise<void> {
    await this.openTokenFile();
    await this.tokenFile.getByRole('button', { name: 'Clear', exact: true }).click();
  }

  /** When the current token was issued (epoch ms), from the card's data-issued-at. */
  async issuedAt(): Promise<number> {
    return Number(await this.root.getAttribute('data-issued-at'));
  }

  /** How many times the card has rendered (data-renders, written after each commit). */
  async renderCount(): Promise<number> {
    return Number(await this.root.getAttribute('data-renders'));
  }

  async openHistory(): Promise<void> {
    if ((await this.root.locator('details.history[open]').count()) === 0) await this.historyToggle.click();
    await expect(this.root.locator('details.history[open]')).toBeVisible();
  }

  async expectStatus(text: string, timeout?: number): Promise<void> {
    await expect(this.status).toHaveText(text, timeout ? { timeout } : undefined);
  }
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get addProfileButton(): Locator {
    return this.page.getByRole('button', { name: 'Add profile' });
  }

  get refreshAllButton(): Locator {
    return this.page.getByRole('button', { name: 'Refresh all' });
  }

  get cards(): Locator {
    return this.page.locator('main section[data-profile-id]');
  }

  card(name: string): ProfileCard {
    return new ProfileCard(this.page.getByRole('region', { name, exact: true }));
  }

  banner(kind: string): Locator {
    return this.page.locator(`[data-banner="${kind}"]`);
  }

  /** The dialog asking to confirm a removal. */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await expect(this.heading).toHaveText('Profiles');
  }
}
