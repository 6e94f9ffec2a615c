// The languages Tessera speaks and which one to show: the user's saved choice, else the OS
// locale, else the browser's, else English. One rule for the page, main's tray and
// notifications, and the command line.

export const LANGUAGES = ['en', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A user-facing text in every language Tessera speaks. */
export type Localized = Record<Language, string>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language of a locale, if any: a BCP 47 tag (`es-AR`, `pt-BR`, `ES`) or a POSIX
 * one (`es_AR.UTF-8`, `pt_BR@euro`); `C`, `POSIX` and the unknown give none.
 */
export function languageOfLocale(locale: string | null | undefined): Language | undefined {
  const primary = (locale ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

/** The saved choice (when it is one Tessera speaks), else the first locale it speaks, else English. */
export function pickLanguage(
  saved: Language | null | undefined,
  systemLocale: string | null | undefined,
  otherLocales: readonly string[] = [],
): Language {
  if (isLanguage(saved)) return saved;
  for (const candidate of [systemLocale, ...otherLocales]) {
    const lang = languageOfLocale(candidate);
    if (lang) return lang;
  }
  return 'en';
}
