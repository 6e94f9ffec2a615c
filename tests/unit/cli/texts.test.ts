// The command line's three languages: the same keys, the same {{placeholders}}, no empty text,
// a text for every key the commands build at run time, and the language picked from the
// environment the way POSIX programs pick it.
import { describe, expect, it } from 'vitest';

import { LANGUAGES } from '#common/language';
import { FIELD_ORDER } from '#common/profile-schema';

import { CLI_TEXTS, cliLanguage } from '../../../electron/cli/texts';
import type { ProfileStatusState } from '../../../electron/core/status-report';
import { BUNDLE_REFUSALS } from '../../support/bundle-refusals';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(CLI_TEXTS[l] as unknown as Tree)]));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('command-line texts', () => {
  for (const lang of ['es', 'pt'] as const) {
    it(`${lang} has exactly the English keys and placeholders, none empty`, () => {
      expect([...flat[lang]!.keys()].sort()).toEqual([...flat.en!.keys()].sort());
      for (const [key, text] of flat.en!) expect(placeholders(flat[lang]!.get(key) ?? ''), key).toEqual(placeholders(text));
      for (const [key, text] of flat[lang]!) expect(text.trim(), key).not.toBe('');
    });
  }

  it('has a text for every key built at run time', () => {
    const states: ProfileStatusState[] = ['valid', 'expiring', 'retrying', 'failing', 'needs-attention', 'expired', 'signed-out'];
    const keys = [
      ...BUNDLE_REFUSALS.map((r) => `errors.bundle.${r}`),
      ...states.map((s) => `status.states.${s}`),
      ...['electron', 'browser', 'cli', 'unknown'].map((h) => `errors.locked.${h}`),
      ...['electron', 'browser', 'cli'].map((h) => `status.hosts.${h}`),
      ...['credentials', 'refresh-rejected', 'transient', 'protocol'].map((c) => `reasons.${c}`),
      ...FIELD_ORDER.map((f) => `fields.${f}`),
      ...['usage', 'options', 'commands', 'arguments'].map((h) => `help.titles.${h}`),
      ...['status.ok_one', 'status.ok_other', 'status.critical_one', 'status.critical_other', 'status.warning_one', 'status.warning_other'],
    ];
    for (const key of keys) expect(flat.en!.has(key), key).toBe(true);
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG, then the system', () => {
    expect(cliLanguage({ LANG: 'es_AR.UTF-8' }, 'en-US')).toBe('es');
    expect(cliLanguage({ LANG: 'es_AR.UTF-8', LC_MESSAGES: 'pt_BR.UTF-8' }, 'en-US')).toBe('pt');
    expect(cliLanguage({ LANG: 'es_AR.UTF-8', LC_MESSAGES: 'pt_BR', LC_ALL: 'en_GB.UTF-8' }, 'es')).toBe('en');
    expect(cliLanguage({ LC_ALL: 'C' }, 'pt-BR')).toBe('en');
    expect(cliLanguage({ LANG: '' }, 'pt-BR')).toBe('pt');
    expect(cliLanguage({}, 'es-419')).toBe('es');
    expect(cliLanguage({ LANG: 'de_DE.UTF-8' }, 'es')).toBe('en');
    expect(cliLanguage({ LANG: 'pt_PT@euro' }, 'en')).toBe('pt');
  });
});
