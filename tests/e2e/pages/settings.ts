// The settings screen. Its names are given per language, since the language test switches it.
import { expect, type Locator, type Page } from '@playwright/test';

export const SETTINGS_NAMES = {
  en: { nav: 'Settings', language: 'Language', startAtLogin: 'Start at login' },
  es: { nav: 'Configuración', language: 'Idioma', startAtLogin: 'Abrir Tessera al iniciar sesión' },
  pt: { nav: 'Configurações', language: 'Idioma', startAtLogin: 'Iniciar com o sistema' },
} as const;
export type Lang = keyof typeof SETTINGS_NAMES;

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(from: Lang = 'en'): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: SETTINGS_NAMES[from].nav }).click();
  }

  language(lang: Lang = 'en'): Locator {
    return this.page.getByLabel(SETTINGS_NAMES[lang].language, { exact: true });
  }

  startAtLogin(lang: Lang = 'en'): Locator {
    return this.page.getByLabel(SETTINGS_NAMES[lang].startAtLogin, { exact: true });
  }

  /** Picks a language by its value (en, es, pt), from a screen currently in `from`. */
  async chooseLanguage(to: Lang, from: Lang): Promise<void> {
    await this.language(from).selectOption(to);
  }
}

/** Settings → POS connections: the token service, access keys and the service's options (English). */
export class PosConnectionsPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'POS connections', exact: true });
  }

  /** The status line: "Running at <url>", "Off. …", or why it is not running (data-service-state). */
  get serviceStatus(): Locator {
    return this.section.getByRole('status', { name: 'Token service' });
  }

  get serviceState(): Locator {
    return this.section.locator('[data-service-state]');
  }

  get keyNameInput(): Locator {
    return this.section.getByLabel('Key name', { exact: true });
  }

  get keyNameError(): Locator {
    return this.section.locator('[data-field="keyName"] .field__error');
  }

  get createButton(): Locator {
    return this.section.getByRole('button', { name: 'Create access key' });
  }

  /** The new key, shown once in a read-only field. */
  get accessKeyField(): Locator {
    return this.section.getByLabel('Access key', { exact: true });
  }

  get newKeyPanel(): Locator {
    return this.section.locator('[data-new-key]');
  }

  get copyKeyButton(): Locator {
    return this.newKeyPanel.getByRole('button', { name: 'Copy key' });
  }

  get curlExample(): Locator {
    return this.section.locator('[data-curl-example]');
  }

  get doneButton(): Locator {
    return this.newKeyPanel.getByRole('button', { name: 'Done', exact: true });
  }

  /** One key of the list, by its name. */
  key(name: string): Locator {
    return this.section.getByRole('listitem', { name, exact: true });
  }

  get keys(): Locator {
    return this.section.locator('li[data-key-id]');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get portInput(): Locator {
    return this.section.getByLabel('Port', { exact: true });
  }

  get marginInput(): Locator {
    return this.section.getByLabel('Token margin (seconds)', { exact: true });
  }

  fieldError(field: 'servicePort' | 'tokenMarginSeconds'): Locator {
    return this.section.locator(`[data-field="${field}"] .field__error`);
  }

  get saveOptionsButton(): Locator {
    return this.section.getByRole('button', { name: 'Save', exact: true });
  }

  /** Creates a key (for every profile, or only the named ones) and returns it as shown once. */
  async createKey(name: string, onlyProfiles?: string[]): Promise<string> {
    await this.keyNameInput.fill(name);
    if (onlyProfiles) {
      await this.section.getByRole('radio', { name: 'Only the profiles chosen here' }).check();
      for (const profile of onlyProfiles) await this.section.getByRole('checkbox', { name: profile, exact: true }).check();
    }
    await this.createButton.click();
    await expect(this.newKeyPanel).toContainText(`Access key “${name}” created`);
    await expect(this.accessKeyField).toHaveValue(/^tsk_/);
    return this.accessKeyField.inputValue();
  }

  /** Revokes a key through its confirmation dialog and waits for it to leave the list. */
  async revoke(name: string): Promise<void> {
    await this.key(name).getByRole('button', { name: 'Revoke' }).click();
    await expect(this.dialog).toContainText(`Revoke “${name}”?`);
    await this.dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(this.key(name)).toHaveCount(0);
  }
}
