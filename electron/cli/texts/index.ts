// The command line's texts in the system's language (LC_ALL, then LC_MESSAGES, then LANG, as
// POSIX programs do; else the OS locale), falling back to English. Its own i18next instance.
import i18next, { type i18n } from 'i18next';

import { type Language, languageOfLocale, LANGUAGES } from '#common/language';

import { en } from './en';
import { es } from './es';
import { pt } from './pt';
import type { CliKey, CliMessages } from './types';

export const CLI_TEXTS: Readonly<Record<Language, CliMessages>> = { en, es, pt };

/**
 * The language from the environment: the first of LC_ALL, LC_MESSAGES, LANG that is set
 * decides (`es_AR.UTF-8` -> es; `C` or `POSIX` -> English). Without any, the OS's locale.
 */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>, systemLocale: string): Language {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '');
  return languageOfLocale(chosen ?? systemLocale) ?? 'en';
}

export class CliTexts {
  private readonly i18n: i18n;

  constructor(readonly language: Language) {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CLI_TEXTS[l] }])),
      lng: language,
      fallbackLng: 'en',
      initAsync: false,
      // Terminal text, not HTML; values (names, paths) are not re-interpolated.
      interpolation: { escapeValue: false, skipOnVariables: true },
      returnNull: false,
    });
  }

  t(key: CliKey, options?: Record<string, unknown>): string {
    return this.i18n.t(key, options ?? {});
  }

  /** A moment in the user's language and time zone, e.g. for "valid until". */
  time(at: number): string {
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  }
}
