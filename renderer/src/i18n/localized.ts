// Picks a catalog text ({en, es, pt}) in the current language. Pure.
import type { Localized } from '#common/language';

export function localized(text: Localized, language: string): string {
  const lang = language.slice(0, 2);
  return (lang === 'es' || lang === 'pt' || lang === 'en' ? text[lang] : undefined) || text.en;
}
