// The renderer's i18next knows the English catalog's keys: `t('nope')` fails to compile.
// Only the web project sees this (tsconfig.test.json excludes it): main has an i18next
// instance of its own, with its own catalog and key type (electron/main/i18n).
import 'i18next';

import type { en } from './locales/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
