// Steps several specs share, written against the page modules.
import { expect, type Page } from '@playwright/test';

import { DashboardPage } from '../pages/dashboard';
import { type FieldName, PROVIDER_LABELS, WizardPage } from '../pages/wizard';
import type { ProviderId, TestAccount } from './sandbox';

export interface NewProfile {
  name: string;
  provider: ProviderId;
  /** Field values to type; omitted fields keep what the wizard prefilled. */
  values?: Partial<Record<FieldName, string>>;
  /** Fill the sandbox's demo credentials with the wizard's button instead. */
  demo?: boolean;
  /** Press "Test connection" first and expect this outcome. */
  test?: 'ok' | 'failed';
}

/** The wizard values for a sandbox account (the OS version stays as prefilled). */
export function valuesOf(account: TestAccount): Partial<Record<FieldName, string>> {
  return { ...account.credentials };
}

/** Adds a profile on the built-in sandbox through the wizard and returns to the dashboard. */
export async function addProfile(page: Page, profile: NewProfile): Promise<void> {
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);
  await dashboard.addProfileButton.click();
  await wizard.expectOpen();
  await wizard.nameInput.fill(profile.name);
  await wizard.chooseProvider(PROVIDER_LABELS[profile.provider]);
  await wizard.chooseEnvironment('Sandbox (built-in)');
  if (profile.demo) await wizard.demoButton.click();
  if (profile.values) await wizard.fill(profile.values);
  if (profile.test) {
    await wizard.testConnection();
    await expect(wizard.testResult).toHaveAttribute('data-test-result', profile.test);
  }
  await wizard.saveButton.click();
  await expect(dashboard.heading).toHaveText('Profiles');
  await expect(dashboard.card(profile.name).root).toBeVisible();
}
