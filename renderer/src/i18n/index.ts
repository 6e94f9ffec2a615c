// i18next set up once, synchronously, with the three bundled languages. Catalog texts (provider
// names, environments, error explanations) carry their own {en, es, pt} and are picked with
// `localized`.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import type { Language } from '#common/language';

import { en } from './locales/en';
import { es } from './locales/es';
import { pt } from './locales/pt';

export const resources = {
  en: { translation: en },
  es: { translation: es },
  pt: { translation: pt },
} as const;

export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { localized } from './localized';
