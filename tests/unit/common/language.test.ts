// The one rule for which language Tessera shows, used by the page, main's tray and notices and
// the command line. Main's copy used to miss POSIX locales without a region (`es.UTF-8`) and
// padded tags, and took any saved value; the page's did not.
import { describe, expect, it } from 'vitest';

import { isLanguage, languageOfLocale, LANGUAGES, pickLanguage } from '#common/language';

import { cliLanguage } from '../../../electron/cli/texts';

describe('languageOfLocale', () => {
  it('reads BCP 47 and POSIX locales alike', () => {
    const cases: [string, string | undefined][] = [
      ['es-AR', 'es'],
      ['es-419', 'es'],
      ['pt-BR', 'pt'],
      ['pt_BR', 'pt'],
      ['ES', 'es'],
      ['en-US', 'en'],
      ['es_AR.UTF-8', 'es'],
      ['es.UTF-8', 'es'],
      ['pt_PT@euro', 'pt'],
      ['pt@euro', 'pt'],
      ['  es-MX ', 'es'],
      ['de-DE', undefined],
      ['C', undefined],
      ['C.UTF-8', undefined],
      ['POSIX', undefined],
      ['', undefined],
      ['esp', undefined],
    ];
    for (const [locale, language] of cases) expect(languageOfLocale(locale), locale).toBe(language);
    expect(languageOfLocale(null)).toBeUndefined();
    expect(languageOfLocale(undefined)).toBeUndefined();
  });
});

describe('pickLanguage', () => {
  it('takes the saved choice, then the system locale, then the others in order, then English', () => {
    expect(pickLanguage('pt', 'es-AR', ['en-US'])).toBe('pt');
    expect(pickLanguage(null, 'es.UTF-8', ['pt-BR'])).toBe('es');
    expect(pickLanguage(null, 'de-DE', ['fr', 'pt-BR'])).toBe('pt');
    expect(pickLanguage(null, 'de-DE', ['fr'])).toBe('en');
    expect(pickLanguage(undefined, undefined)).toBe('en');
  });

  it('ignores a saved value Tessera does not speak (an older or hand-edited store)', () => {
    expect(pickLanguage('fr' as never, 'es-ES')).toBe('es');
    expect(pickLanguage('' as never, undefined, ['pt'])).toBe('pt');
  });

  it('is what the command line uses for its environment', () => {
    expect(cliLanguage({ LANG: ' es.UTF-8' }, 'en-US')).toBe('es');
    expect(cliLanguage({ LC_ALL: 'C', LANG: 'pt_BR.UTF-8' }, 'es-ES')).toBe('en');
    expect(cliLanguage({}, 'pt-BR')).toBe('pt');
  });
});

describe('LANGUAGES', () => {
  it('are exactly the languages isLanguage accepts', () => {
    for (const lang of LANGUAGES) expect(isLanguage(lang)).toBe(true);
    expect(isLanguage('EN')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
