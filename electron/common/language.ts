// Which language to show: the user's saved choice, else the OS locale, else the browser's,
// else English. Pure, so it is unit-tested.
import { LANGUAGES, type Language } from './profile-schema';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The supported language of a BCP 47 tag (`es-AR` -> `es`, `pt_BR` -> `pt`), if any. */
export function languageOfLocale(locale: string | null | undefined): Language | undefined {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_.@]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export function pickLanguage(
  saved: Language | null | undefined,
  systemLocale: string | undefined,
  browserLocales: readonly string[] = [],
): Language {
  if (saved && isLanguage(saved)) return saved;
  for (const candidate of [systemLocale, ...browserLocales]) {
    const lang = languageOfLocale(candidate);
    if (lang) return lang;
  }
  return 'en';
}
