// The three languages have exactly the same keys, no empty values, the same {{placeholders}},
// and a text for everything the app looks up by a computed key (states, history kinds, error
// classes, validation messages).
import { describe, expect, it } from 'vitest';

import { PER_TERMINAL_FIELDS } from '#common/bundle-view';
import { APP_ERROR_CODES } from '#common/contract';
import { LANGUAGES } from '#common/language';
import { HISTORY_KINDS, TOKEN_STATES } from '#common/token-view';

import { DISPLAY_STATUSES } from '../../../renderer/src/app/status';
import { en } from '../../../renderer/src/i18n/locales/en';
import { es } from '../../../renderer/src/i18n/locales/es';
import { pt } from '../../../renderer/src/i18n/locales/pt';
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

const languages = { en, es, pt } as Record<string, Tree>;
const flat = Object.fromEntries(Object.entries(languages).map(([lang, tree]) => [lang, flatten(tree)]));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message files', () => {
  it('exist for every language Tessera speaks', () => {
    expect(Object.keys(languages).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const lang of ['es', 'pt']) {
    it(`${lang} has exactly the English keys`, () => {
      expect([...flat[lang]!.keys()].sort()).toEqual([...flat.en!.keys()].sort());
    });

    it(`${lang} uses the same placeholders as English`, () => {
      for (const [key, text] of flat.en!) expect(placeholders(flat[lang]!.get(key) ?? ''), key).toEqual(placeholders(text));
    });
  }

  for (const lang of Object.keys(languages)) {
    it(`${lang} has no empty value`, () => {
      for (const [key, text] of flat[lang]!) expect(text.trim(), `${lang}: ${key}`).not.toBe('');
    });
  }

  it('covers every key the app builds at run time', () => {
    const keys = [
      ...DISPLAY_STATUSES.map((s) => `status.${s}`),
      ...HISTORY_KINDS.map((k) => `history.kinds.${k}`),
      ...['schedule', 'user', 'consumer', 'startup', 'wake', 'retry'].map((t) => `history.triggers.${t}`),
      ...['credentials', 'refresh-rejected', 'transient', 'protocol'].flatMap((c) => [`failure.classes.${c}`, `failure.next.${c}`]),
      ...APP_ERROR_CODES.map((c) => `appErrors.${c}`),
      ...[
        'required',
        'tooLong',
        'controlChars',
        'headerChars',
        'email',
        'nameChars',
        'nameTaken',
        'environment',
        'provider',
        'providerFixed',
        'invalid',
      ].map((v) => `validation.${v}`),
      ...['invalid', 'scheme', 'insecure', 'credentials', 'query', 'tooLong'].map((v) => `validation.url.${v}`),
      // Core's keys for the token file, the service's port and margin, and an access key's name.
      ...['relative', 'noFolder', 'isFolder'].map((v) => `validation.path.${v}`),
      'validation.port',
      'validation.margin',
      'validation.tooLongPlain',
      ...['running', 'off', 'portInUse', 'failed'].map((s) => `posConnections.status.${s}`),
      // Why the store cannot be written (core's StoreWriteReason), and the port held elsewhere.
      ...['no_space', 'no_permission', 'too_many_files', 'failed'].map((r) => `hostHealth.storeWrite.${r}`),
      ...['portHeld', 'runningPartly'].map((s) => `hostHealth.service.${s}`),
      ...[
        'network',
        'timeout',
        'connection_refused',
        'dns',
        'tls',
        'not_json',
        'missing_field',
        'bad_lifetime',
        'token_already_expired',
        'secret_unreadable',
        'unknown_environment',
        'sandbox_unavailable',
        'unknown_provider',
        'profile_missing',
        'internal',
        'secrets_cleared',
      ].map((c) => `failure.codes.${c}`),
      // The installer lock's field issue from core.
      'installerLock.pinFormat',
      ...LANGUAGES.map((l) => `languages.${l}`),
      ...['electron', 'browser'].map((h) => `settings.hosts.${h}`),
      // The diagnostics report names each exchange's phase and the profile's state.
      ...['login', 'refresh'].map((p) => `diagnostics.report.phases.${p}`),
      ...TOKEN_STATES.map((s) => `status.${s}`),
    ];
    for (const key of keys) expect(flat.en!.has(key), key).toBe(true);
  });

  it('covers every refusal of a profile bundle and every message core gives an import', () => {
    const keys = [
      'appErrors.bundle',
      ...BUNDLE_REFUSALS.map((r) => `bundles.errors.${r}`),
      ...['clash', 'choose'].map((v) => `bundles.validation.${v}`),
      ...['skip', 'replace', 'rename'].map((a) => `bundles.import.actions.${a}`),
      ...['created', 'replaced', 'skipped'].map((o) => `bundles.import.${o}`),
      ...PER_TERMINAL_FIELDS.map((f) => `wizard.fields.${f}`),
    ];
    for (const key of keys) expect(flat.en!.has(key), key).toBe(true);
  });
});
