// Turns a classified failure into plain words: the provider's own explanation of its code
// from the catalog, else Tessera's explanation of its own codes, else the HTTP status.
import type { ErrorClass, ProviderInfo } from '#common/profile-schema';

import { isKeyOf, type MessageKey } from '../i18n/keys';
import { en } from '../i18n/locales/en';
import { localized } from '../i18n/localized';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface FailureLike {
  errorClass: ErrorClass;
  code: string;
  providerMessage?: string;
  excerpt?: string;
  status?: number;
  /** For `secret_dropped`: the secrets to type again. */
  fields?: readonly string[];
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
/** Core's codes for a secret kept from its destination, a damaged one, a malformed token. */
const SAFETY_CODES = en.secretSafety.codes;
const FIELD_NAMES = en.secretSafety.fieldNames;

export function hasCommonExplanation(code: string): code is keyof typeof COMMON_CODES {
  return Object.hasOwn(COMMON_CODES, code);
}

/** "Type the client secret and the password again…", naming the secrets in the user's language. */
function droppedSecretsText(fields: readonly string[], lang: string, t: Translate): string | undefined {
  const names = fields.filter((f) => isKeyOf(FIELD_NAMES, f)).map((f) => t(`secretSafety.fieldNames.${f}`));
  if (names.length === 0) return undefined;
  return t('secretSafety.dropped', { fields: new Intl.ListFormat(lang, { type: 'conjunction' }).format(names) });
}

/** The plain explanation of an error code alone (also used by the history timeline). */
export function explainCode(code: string, status: number | undefined, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  const documented = info?.errors[code];
  if (documented) return localized(documented.text, lang);
  if (hasCommonExplanation(code)) return t(`failure.codes.${code}`);
  if (isKeyOf(SAFETY_CODES, code)) return t(`secretSafety.codes.${code}`);
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return t('failure.httpStatus', { status: http[1]! });
  if (status !== undefined && status >= 500) return t('failure.httpStatus', { status });
  return t('failure.unknownCode', { code });
}

export function explainFailure(failure: FailureLike, info: ProviderInfo | undefined, lang: string, t: Translate): Explanation {
  return {
    heading: t(`failure.classes.${failure.errorClass}`),
    text:
      (failure.code === 'secret_dropped' && failure.fields ? droppedSecretsText(failure.fields, lang, t) : undefined) ??
      explainCode(failure.code, failure.status, info, lang, t),
    next: t(`failure.next.${failure.errorClass}`),
    ...(failure.providerMessage ? { providerMessage: failure.providerMessage } : {}),
    ...(failure.errorClass === 'protocol' && failure.excerpt ? { excerpt: failure.excerpt } : {}),
    code: failure.code,
  };
}
