// Settings › Other terminals: "Export profiles…" and "Import profiles…", by the exact English
// names users see. Passphrases and secrets typed here are registered with the leak sweep, and
// every bundle downloaded is handed to it.
import { expect, type Locator, type Page } from '@playwright/test';

import { currentLeaks } from '../support/leaks';

export class BundlesPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Other terminals', exact: true });
  }

  get exportButton(): Locator {
    return this.section.getByRole('button', { name: 'Export profiles…' });
  }

  get importButton(): Locator {
    return this.section.getByRole('button', { name: 'Import profiles…' });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  fieldError(label: string): Locator {
    return this.dialog.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field__error');
  }

  /** One profile of the preview or of the result, by its name. */
  row(name: string): Locator {
    return this.dialog.getByRole('listitem', { name, exact: true });
  }

  /** The status word of one imported profile (a badge, not a live region). */
  rowStatus(name: string): Locator {
    return this.row(name).locator('[data-status]');
  }

  get formError(): Locator {
    return this.dialog.getByRole('alert');
  }

  /** Fills the export form, presses Export and saves the download to `path`. */
  async export(path: string, opts: { passphrase: string; repeat?: string; withSecrets?: boolean; only?: string[] }): Promise<void> {
    await this.fillExport(opts);
    // Encrypting runs scrypt: seconds, many on a loaded machine.
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^tessera-profiles-\d{4}-\d{2}-\d{2}\.tessera$/);
    await file.saveAs(path);
    currentLeaks()?.bundle(path);
    await expect(this.dialog).toHaveCount(0);
    await expect(this.section.locator('[data-bundle-exported]')).toBeVisible();
  }

  async fillExport(opts: { passphrase: string; repeat?: string; withSecrets?: boolean; only?: string[] }): Promise<void> {
    currentLeaks()?.secret('passphrase', opts.passphrase, 'typed to export');
    await this.exportButton.click();
    await expect(this.dialog).toContainText('Export profiles');
    if (opts.only) {
      for (const box of await this.dialog.getByRole('group', { name: 'Profiles to export' }).getByRole('checkbox').all()) {
        const label = (await box.locator('xpath=..').innerText()).trim();
        if (!opts.only.some((name) => label.startsWith(name))) await box.uncheck();
      }
    }
    if (opts.withSecrets === false) await this.dialog.getByRole('radio', { name: /Without secrets/ }).check();
    await this.field('Passphrase').fill(opts.passphrase);
    await this.field('Repeat the passphrase').fill(opts.repeat ?? opts.passphrase);
  }

  /** Opens the import dialog on a file and presses Open with the passphrase. */
  async open(path: string, passphrase: string): Promise<void> {
    currentLeaks()?.secret('passphrase', passphrase, 'typed to import');
    if ((await this.dialog.count()) === 0) await this.importButton.click();
    await this.field('Bundle file').setInputFiles(path);
    await this.field('Passphrase').fill(passphrase);
    await this.dialog.getByRole('button', { name: 'Open', exact: true }).click();
  }

  get importSubmit(): Locator {
    return this.dialog.getByRole('button', { name: 'Import', exact: true });
  }

  /** A secret typed for one profile of a template, registered with the leak sweep. */
  async typeSecret(profile: string, label: string, value: string): Promise<void> {
    currentLeaks()?.secret(
      label === 'Password' ? 'password' : label === 'Pre-shared key' ? 'pre-shared-key' : 'client-secret',
      value,
      'typed into an import',
    );
    await this.row(profile).getByLabel(label, { exact: true }).fill(value);
  }
}
