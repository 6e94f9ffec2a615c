// The settings screen. Its names are given per language, since the language test switches it.
import type { Locator, Page } from '@playwright/test';

export const SETTINGS_NAMES = {
  en: { nav: 'Settings', language: 'Language', startAtLogin: 'Start at login' },
  es: { nav: 'Configuración', language: 'Idioma', startAtLogin: 'Iniciar al iniciar sesión' },
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
