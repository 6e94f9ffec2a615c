// Main's texts: the three languages have exactly the same keys and no empty value; the
// language follows the setting, else the system locale, else English; tooltips and
// notifications say the right thing, with the provider catalog's explanation as the reason.
import { describe, expect, it } from 'vitest';

import type { HealthSummary } from '#common/health';
import { LANGUAGES, pickLanguage } from '#common/language';

import { findProvider } from '../../../electron/core/providers';
import { MAIN_TEXTS, MainI18n, noticeText, reasonText, tooltipText, trayTexts } from '../../../electron/main/i18n';

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the catalogs', () => {
  const keys = (lang: (typeof LANGUAGES)[number]) =>
    leaves(MAIN_TEXTS[lang])
      .map(([k]) => k)
      .sort();

  it.each(LANGUAGES)('%s has exactly the keys English has', (lang) => {
    expect(keys(lang)).toEqual(keys('en'));
  });

  it.each(LANGUAGES)('%s has only non-empty strings', (lang) => {
    for (const [key, value] of leaves(MAIN_TEXTS[lang])) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s keeps the placeholders English uses', (lang) => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const english = new Map(leaves(MAIN_TEXTS.en));
    for (const [key, value] of leaves(MAIN_TEXTS[lang])) {
      // A language may leave {{count}} out of a plural form; it must not invent one.
      const expected = placeholders(english.get(key));
      const actual = placeholders(value);
      expect(
        actual.filter((p) => !expected.includes(p)),
        key,
      ).toEqual([]);
      expect(
        expected.filter((p) => p !== 'count' && !actual.includes(p)),
        key,
      ).toEqual([]);
    }
  });
});

describe('pickLanguage', () => {
  it('prefers the setting, then the system locale, then English', () => {
    expect(pickLanguage('pt', 'es-ES')).toBe('pt');
    expect(pickLanguage(null, 'es-419')).toBe('es');
    expect(pickLanguage(null, 'pt_BR')).toBe('pt');
    expect(pickLanguage(null, 'ES')).toBe('es');
    expect(pickLanguage(null, 'de-DE')).toBe('en');
    expect(pickLanguage(undefined, undefined)).toBe('en');
    expect(pickLanguage(null, '')).toBe('en');
  });
});

describe('texts', () => {
  const health = (over: Partial<HealthSummary>): HealthSummary => ({ total: 0, problems: 0, noToken: 0, pending: 0, ...over });

  it("says the dashboard's summary line in the tooltip, in each language", () => {
    const en = new MainI18n('en');
    expect(tooltipText(health({ total: 3 }), en)).toBe('Tessera — All 3 profiles can get a token');
    expect(tooltipText(health({ total: 1 }), en)).toBe('Tessera — The profile can get a token');
    expect(tooltipText(health({ total: 5, problems: 2, noToken: 1 }), en)).toBe('Tessera — 2 of 5 need attention');
    expect(tooltipText(health({ total: 5, problems: 1 }), en)).toBe('Tessera — 1 of 5 needs attention');
    expect(tooltipText(health({ total: 4, pending: 1 }), en)).toBe('Tessera — Signing in: 3 of 4 can get a token so far');
    expect(tooltipText(health({}), en)).toBe('Tessera — No profiles yet');
    expect(tooltipText(health({ total: 5, problems: 2 }), new MainI18n('es'))).toBe('Tessera — 2 de 5 requieren atención');
    expect(tooltipText(health({ total: 5, problems: 1 }), new MainI18n('pt'))).toBe('Tessera — 1 de 5 precisa de atenção');
    expect(tooltipText(health({ total: 7 }), new MainI18n('pt'))).toBe('Tessera — Todos os 7 perfis podem obter um token');
  });

  it('keeps every tooltip within the 127 characters Windows shows', () => {
    for (const lang of LANGUAGES) {
      const texts = new MainI18n(lang);
      for (const total of [1, 2, 100_000]) {
        for (const over of [{}, { problems: total, noToken: total }, { problems: 1 }, { pending: total }]) {
          expect(tooltipText(health({ total, ...over }), texts).length).toBeLessThan(128);
        }
      }
      expect(tooltipText(health({}), texts).length).toBeLessThan(128);
    }
  });

  it('switches language and says so only when it changed', () => {
    const texts = new MainI18n('en');
    expect(trayTexts(texts)).toEqual({ open: 'Open Tessera', refreshAll: 'Refresh all', quit: 'Quit Tessera', lockNow: 'Lock now' });
    expect(texts.setLanguage('en')).toBe(false);
    expect(texts.setLanguage('es')).toBe(true);
    expect(texts.language).toBe('es');
    expect(trayTexts(texts)).toEqual({
      open: 'Abrir Tessera',
      refreshAll: 'Renovar todos',
      quit: 'Salir de Tessera',
      lockNow: 'Bloquear ahora',
    });
    texts.setLanguage('pt');
    expect(trayTexts(texts).quit).toBe('Sair do Tessera');
  });
});

describe('reasonText', () => {
  const factus = findProvider('factus')!.info;

  it("uses the provider catalog's explanation of a documented code, in the current language", () => {
    for (const lang of LANGUAGES) {
      const texts = new MainI18n(lang);
      expect(reasonText('factus', { errorClass: 'credentials', code: 'invalid_grant' }, texts)).toBe(
        factus.errors.invalid_grant!.text[lang],
      );
    }
  });

  it("uses main's own words for core's codes, and a generic reason otherwise", () => {
    const en = new MainI18n('en');
    expect(reasonText('factus', { errorClass: 'credentials', code: 'secret_unreadable' }, en)).toMatch(/secret can no longer be opened/);
    expect(reasonText('nobody', { errorClass: 'credentials', code: 'unknown_provider' }, en)).toMatch(/does not know/);
    expect(reasonText('factus', { errorClass: 'credentials', code: 'http_401' }, en)).toBe('The provider refused the credentials.');
    expect(reasonText('factus', undefined, en)).toBe('The provider refused the credentials.');
    expect(reasonText('factus', { errorClass: 'credentials', code: 'x' }, new MainI18n('es'))).toBe(
      'El proveedor rechazó las credenciales.',
    );
  });

  it('says a stop after unusable answers was no refusal, in every language', () => {
    for (const lang of ['en', 'es', 'pt'] as const) {
      const texts = new MainI18n(lang);
      const reason = reasonText('onapi', { errorClass: 'protocol', code: 'missing_field', status: 200 }, texts);
      expect(reason).toBe(texts.t('reason.unusable'));
      expect(reason).not.toBe(texts.t('reason.generic'));
      expect(reason).toContain('3');
    }
  });

  it('never blames the credentials for a stop of core’s own making, in any language', () => {
    // The codes with which core itself stops renewing a profile (engine, environments, vault).
    for (const code of [
      'secret_unreadable',
      'secret_dropped',
      'secrets_unbound',
      'unknown_provider',
      'unknown_environment',
      'profile_missing',
    ]) {
      for (const lang of LANGUAGES) {
        const texts = new MainI18n(lang);
        expect(reasonText('factus', { errorClass: 'credentials', code }, texts), `${code} in ${lang}`).not.toBe(texts.t('reason.generic'));
        expect(reasonText('factus', { errorClass: 'credentials', code }, texts)).not.toContain('reason.');
      }
    }
    expect(reasonText('factus', { errorClass: 'credentials', code: 'unknown_environment' }, new MainI18n('pt'))).toMatch(
      /ambiente do perfil/,
    );
  });

  it('explains a failed start in each language, naming the log file', () => {
    for (const lang of LANGUAGES) {
      const texts = new MainI18n(lang);
      expect(texts.t('startup.title')).not.toBe('startup.title');
      expect(texts.t('startup.body', { file: '/var/log/tessera/main.log' })).toContain('/var/log/tessera/main.log');
    }
    expect(new MainI18n('es').t('startup.title')).toBe('Tessera no pudo iniciarse');
  });

  it("never reaches Object's prototype through a code", () => {
    const en = new MainI18n('en');
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(reasonText('factus', { errorClass: 'credentials', code }, en)).toBe('The provider refused the credentials.');
    }
  });

  it('never quotes the provider’s own message', () => {
    const en = new MainI18n('en');
    const text = reasonText('factus', { errorClass: 'credentials', code: 'weird', providerMessage: 'user 4411 locked' }, en);
    expect(text).not.toContain('4411');
  });
});

describe('noticeText', () => {
  const profiles: Record<string, { name: string; provider: string }> = {
    a: { name: 'Shop 1 till', provider: 'factus' },
    b: { name: 'Café {{count}}', provider: 'factus' },
  };
  const lookup = (id: string) => profiles[id];

  it('says which profile needs attention and why', () => {
    const en = new MainI18n('en');
    expect(
      noticeText({ kind: 'needs-attention', profileId: 'a', failure: { errorClass: 'credentials', code: 'invalid_grant' } }, en, lookup),
    ).toEqual({
      title: 'Tessera',
      body: 'Shop 1 till needs attention: The username or password was rejected.',
    });
    expect(noticeText({ kind: 'expired', profileId: 'a' }, en, lookup)?.body).toBe(
      'The token of Shop 1 till expired and could not be renewed yet.',
    );
  });

  it('prints a profile name as typed, never as a template', () => {
    const en = new MainI18n('en');
    expect(noticeText({ kind: 'expired', profileId: 'b' }, en, lookup)?.body).toContain('Café {{count}}');
  });

  it('counts collapsed notices, in each language', () => {
    expect(noticeText({ kind: 'needs-attention-many', count: 5 }, new MainI18n('en'), lookup)?.body).toBe(
      '5 profiles need attention. Open Tessera to see why.',
    );
    expect(noticeText({ kind: 'expired-many', count: 4 }, new MainI18n('es'), lookup)?.body).toBe(
      '4 tokens vencieron y todavía no se pudieron renovar.',
    );
    expect(noticeText({ kind: 'needs-attention-many', count: 7 }, new MainI18n('pt'), lookup)?.body).toBe(
      '7 perfis precisam de atenção. Abra o Tessera para ver o motivo.',
    );
  });

  it('says nothing about a profile that is gone', () => {
    expect(noticeText({ kind: 'expired', profileId: 'gone' }, new MainI18n('en'), lookup)).toBeUndefined();
  });
});
