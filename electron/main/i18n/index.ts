// Main's texts (tray, notifications) in the user's language: the language setting, else the
// system locale, else English. Its own i18next instance, so nothing here touches a global the
// renderer's bundle might share. Plain Node (no `electron` import), tested in tests/unit/main.
import i18next, { type i18n } from 'i18next';

import type { FailureView } from '#common/failure';
import { type HealthSummary, summaryKind } from '#common/health';
import { type Language, LANGUAGES } from '#common/language';

import { findProvider } from '../../core/providers';
import type { Notice } from '../alerts';
import { en } from './en';
import { es } from './es';
import { pt } from './pt';
import type { MainKey, MainTexts } from './types';

export const MAIN_TEXTS: Readonly<Record<Language, MainTexts>> = { en, es, pt };

export class MainI18n {
  private readonly i18n: i18n;

  constructor(language: Language) {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: MAIN_TEXTS[l] }])),
      lng: language,
      fallbackLng: 'en',
      initAsync: false,
      // Plain text for the OS, never HTML; values (profile names) are not re-interpolated.
      interpolation: { escapeValue: false, skipOnVariables: true },
      returnNull: false,
    });
  }

  get language(): Language {
    return this.i18n.language as Language;
  }

  /** Switches synchronously (resources are bundled); true when the language changed. */
  setLanguage(language: Language): boolean {
    if (this.i18n.language === language) return false;
    void this.i18n.changeLanguage(language);
    return true;
  }

  t(key: MainKey, options?: Record<string, unknown>): string {
    return this.i18n.t(key, options ?? {});
  }
}

/** The summary line the dashboard shows on top and as the window title, in main's catalog. */
export function summaryText(summary: HealthSummary, texts: MainI18n): string {
  switch (summaryKind(summary)) {
    case 'none':
      return texts.t('summary.none');
    case 'all-ok':
      return texts.t('summary.allOk', { count: summary.total });
    case 'problems':
      return texts.t('summary.problems', { count: summary.problems, total: summary.total });
    case 'pending':
      return texts.t('summary.pending', { ready: summary.total - summary.pending, total: summary.total });
  }
}

export function tooltipText(summary: HealthSummary, texts: MainI18n): string {
  return texts.t('tooltip.text', { summary: summaryText(summary, texts) });
}

export interface TrayTexts {
  open: string;
  refreshAll: string;
  quit: string;
  lockNow: string;
}

export function trayTexts(texts: MainI18n): TrayTexts {
  return {
    open: texts.t('tray.open'),
    refreshAll: texts.t('tray.refreshAll'),
    quit: texts.t('tray.quit'),
    lockNow: texts.t('tray.lockNow'),
  };
}

/** Codes of core's own (not a provider's) that have an explanation here. */
const OWN_REASONS = [
  'secret_unreadable',
  'secret_dropped',
  'secrets_unbound',
  'unknown_provider',
  'unknown_environment',
  'profile_missing',
  'secrets_cleared',
] as const satisfies readonly (keyof MainTexts['reason'])[];

function isOwnReason(code: string): code is (typeof OWN_REASONS)[number] {
  return (OWN_REASONS as readonly string[]).includes(code);
}

/**
 * A plain reason for a failure: the provider catalog's explanation of the code when it is
 * documented, else one of main's, else a generic one. Never the provider's raw message.
 */
export function reasonText(providerId: string, failure: FailureView | undefined, texts: MainI18n): string {
  const code = failure?.code;
  if (code !== undefined) {
    const errors = findProvider(providerId)?.info.errors;
    // Own properties only: a code such as `constructor` must not reach Object's prototype.
    if (errors && Object.hasOwn(errors, code)) return errors[code]!.text[texts.language];
    if (isOwnReason(code)) return texts.t(`reason.${code}`);
  }
  // Stopped after repeated answers it could not use: nothing was refused.
  if (failure?.errorClass === 'protocol') return texts.t('reason.unusable');
  return texts.t('reason.generic');
}

export interface NoticeText {
  title: string;
  body: string;
}

/** What a notification says; undefined when its profile is gone. */
export function noticeText(
  notice: Notice,
  texts: MainI18n,
  profile: (id: string) => { name: string; provider: string } | undefined,
): NoticeText | undefined {
  const title = texts.t('notify.title');
  switch (notice.kind) {
    case 'needs-attention': {
      const p = profile(notice.profileId);
      if (!p) return undefined;
      return { title, body: texts.t('notify.attention', { profile: p.name, reason: reasonText(p.provider, notice.failure, texts) }) };
    }
    case 'expired': {
      const p = profile(notice.profileId);
      if (!p) return undefined;
      return { title, body: texts.t('notify.expired', { profile: p.name }) };
    }
    case 'needs-attention-many':
      return { title, body: texts.t('notify.attentionMany', { count: notice.count }) };
    case 'expired-many':
      return { title, body: texts.t('notify.expiredMany', { count: notice.count }) };
  }
}
