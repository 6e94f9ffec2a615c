// The setup wizard ("Add profile" / "Edit"), by the exact English labels. Secrets typed with
// fill() are registered with the test's leak sweep.
import { expect, type Locator, type Page } from '@playwright/test';

import { currentLeaks } from '../support/leaks';

export const FIELD_LABELS = {
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  username: 'Username',
  password: 'Password',
  scope: 'Scope',
  posSerial: 'POS serial',
  posOsVersion: 'POS OS version',
  posFramework: 'POS framework',
  preSharedKey: 'Pre-shared key',
} as const;
export type FieldName = keyof typeof FIELD_LABELS;

export const PROVIDER_LABELS = {
  ereceipt: 'eReceipt (ETA Egypt)',
  onapi: 'OnAPI (SUNAT Peru)',
  multinexo: 'Multinexo',
  factus: 'Factus',
  invoisys: 'Invoisys',
} as const;

export class WizardPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get nameInput(): Locator {
    return this.page.getByLabel('Profile name', { exact: true });
  }

  get providerGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Provider', exact: true });
  }

  get environmentGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Environment', exact: true });
  }

  get baseUrlInput(): Locator {
    return this.page.getByLabel('Base URL', { exact: true });
  }

  field(name: FieldName): Locator {
    return this.page.getByLabel(FIELD_LABELS[name], { exact: true });
  }

  /** The error shown next to a field (linked to it by aria-describedby). */
  fieldError(name: FieldName | 'name' | 'baseUrl'): Locator {
    return this.page.locator(`[data-field="${name}"] .field__error`);
  }

  get testConnectionButton(): Locator {
    return this.page.getByRole('button', { name: 'Test connection' });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save', exact: true });
  }

  get cancelButton(): Locator {
    return this.page.getByRole('button', { name: 'Cancel', exact: true });
  }

  /** "Copy diagnostics" below a failed test sign-in (whatever it says at the moment). */
  get diagnosticsButton(): Locator {
    return this.testResult.locator('[data-copy-diagnostics]');
  }

  get demoButton(): Locator {
    return this.page.getByRole('button', { name: 'Use demo credentials' });
  }

  /** The outcome of "Test connection": data-test-result is idle, running, ok or failed. */
  get testResult(): Locator {
    return this.page.locator('[data-test-result]');
  }

  get formError(): Locator {
    return this.page.locator('.form-error');
  }

  /** The list of problems at the top of the form, each a link to its field. */
  get errorSummary(): Locator {
    return this.page.locator('[data-error-summary]');
  }

  /** The bar holding "Test connection", "Save" and "Cancel" (sticky at the bottom). */
  get actionBar(): Locator {
    return this.page.locator('.wizard__bar');
  }

  /** "Save anyway?" after a failed test of an edit. */
  get saveAnywayDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Save anyway?' });
  }

  /** "Discard your changes?" when leaving with unsaved changes. */
  get leaveDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard your changes?' });
  }

  /** Cancel, confirming the discard when something was typed. */
  async cancel(): Promise<void> {
    await this.cancelButton.click();
    if (await this.leaveDialog.isVisible()) await this.leaveDialog.getByRole('button', { name: 'Discard changes', exact: true }).click();
  }

  async chooseProvider(label: string): Promise<void> {
    await this.providerGroup.getByRole('radio', { name: label, exact: true }).check();
  }

  async chooseEnvironment(label: string): Promise<void> {
    await this.environmentGroup.getByRole('radio', { name: label, exact: true }).check();
  }

  async fill(values: Partial<Record<FieldName, string>>): Promise<void> {
    currentLeaks()?.credentials(values, 'typed in the wizard');
    for (const [name, value] of Object.entries(values) as [FieldName, string][]) {
      await this.field(name).fill(value);
    }
  }

  async testConnection(): Promise<void> {
    await this.testConnectionButton.click();
    await expect(this.testResult).toHaveAttribute('data-test-result', /^(ok|failed)$/);
  }

  async expectOpen(title = 'Add profile'): Promise<void> {
    await expect(this.heading).toHaveText(title);
  }
}
