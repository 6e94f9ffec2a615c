// Turns a classified failure into plain words: the provider's own explanation of its code
// from the catalog, else Tessera's explanation of its own codes, else the HTTP status.
import type { ErrorClass, ProviderInfo } from '../../../electron/core/profile-schema';
import { localized } from '../i18n/localized';
import { en } from '../i18n/locales/en';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface FailureLike {
  errorClass: ErrorClass;
  code: string;
  providerMessage?: string;
  excerpt?: string;
  status?: number;
}

export interface Explanation {
  /** The class in a few words: "Sign-in refused". */
  heading: string;
  /** What went wrong, in plain words. */
  text: string;
  /** What happens next. */
  next: string;
  providerMessage?: string;
  /** Only for unexpected responses. */
  excerpt?: string;
  code: string;
}

const COMMON_CODES = en.failure.codes;

export function hasCommonExplanation(code: string): code is keyof typeof COMMON_CODES {
  return Object.hasOwn(COMMON_CODES, code);
}

/** The plain explanation of an error code alone (also used by the history timeline). */
export function explainCode(code: string, status: number | undefined, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  const documented = info?.errors[code];
  if (documented) return localized(documented.text, lang);
  if (hasCommonExplanation(code)) return t(`failure.codes.${code}`);
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return t('failure.httpStatus', { status: http[1]! });
  if (status !== undefined && status >= 500) return t('failure.httpStatus', { status });
  return t('failure.unknownCode', { code });
}

export function explainFailure(failure: FailureLike, info: ProviderInfo | undefined, lang: string, t: Translate): Explanation {
  return {
    heading: t(`failure.classes.${failure.errorClass}`),
    text: explainCode(failure.code, failure.status, info, lang, t),
    next: t(`failure.next.${failure.errorClass}`),
    ...(failure.providerMessage ? { providerMessage: failure.providerMessage } : {}),
    ...(failure.errorClass === 'protocol' && failure.excerpt ? { excerpt: failure.excerpt } : {}),
    code: failure.code,
  };
}
