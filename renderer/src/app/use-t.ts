// useTranslation narrowed to what the app needs: a plain (key, values) -> string and the language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import type { Translate } from './explain';

export function useT(): { t: Translate; lang: string } {
  const { t, i18n } = useTranslation();
  const translate = useCallback<Translate>((key, values) => String(t(key, values ?? {})), [t]);
  return { t: translate, lang: i18n.language };
}
