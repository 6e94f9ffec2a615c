// The renderer's side of issue 10's findings 1, 2 and 5: the wizard asks for every stored
// secret again exactly when core will (the same destination rule, imported, not copied), a
// dropped secret is named in plain words, and every message key core sends for these findings
// has a text in each language.
import { describe, expect, it } from 'vitest';

import type { ProfileView } from '#common/contract';

import { providerCatalog } from '../../../electron/core/providers';
import { RETYPE_SECRET } from '../../../electron/core/vault/vault';
import { draftFromProfile, secretNeeds, validateDraft } from '../../../renderer/src/app/draft';
import { explainFailure, type Translate } from '../../../renderer/src/app/explain';
import type { MessageKey } from '../../../renderer/src/i18n/keys';
import { en } from '../../../renderer/src/i18n/locales/en';
import { es } from '../../../renderer/src/i18n/locales/es';
import { pt } from '../../../renderer/src/i18n/locales/pt';

const catalogue = providerCatalog();
const factus = catalogue.find((p) => p.id === 'factus')!;

function translator(messages: object): Translate {
  return (key, values = {}) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}

const profile = (over: Partial<ProfileView> = {}): ProfileView => ({
  id: 'p1',
  name: 'Till 1',
  provider: 'factus',
  environment: { kind: 'preset', id: 'production' },
  fields: { clientId: 'c', username: 'till@factus.test' },
  secrets: { clientSecret: true, password: true, preSharedKey: false },
  createdAt: 0,
  updatedAt: 0,
  token: { profileId: 'p1', state: 'valid', since: 0, failures: 0 },
  fileSink: null,
  ...over,
});

describe('the wizard asks for the secrets again when the address changes', () => {
  it('nothing to retype while the resolved address stays, however it is spelled', () => {
    const editing = profile();
    const draft = draftFromProfile(editing);
    expect(secretNeeds(draft, factus, editing)).toEqual({});
    // A custom URL naming the preset's address is the same destination.
    expect(secretNeeds({ ...draft, envKind: 'custom', baseUrl: 'HTTPS://api.factus.com.co/' }, factus, editing)).toEqual({});
    expect(validateDraft(draft, factus, 'update', [], secretNeeds(draft, factus, editing))).toEqual({});
  });

  it('another preset, the sandbox or a custom URL: every stored secret is required, with core’s message', () => {
    const editing = profile();
    const draft = draftFromProfile(editing);
    for (const moved of [
      { ...draft, presetId: 'sandbox' },
      { ...draft, envKind: 'sandbox' as const },
      { ...draft, envKind: 'custom' as const, baseUrl: 'https://collector.example' },
    ]) {
      const needs = secretNeeds(moved, factus, editing);
      expect(needs).toEqual({ clientSecret: 'retype', password: 'retype' });
      const issues = validateDraft(moved, factus, 'update', [], needs);
      expect(issues.clientSecret).toEqual({ message: RETYPE_SECRET });
      expect(issues.password).toEqual({ message: RETYPE_SECRET });
      // Typed, they are accepted.
      const typed = { ...moved, credentials: { ...moved.credentials, clientSecret: 'new-secret', password: 'new-password' } };
      expect(validateDraft(typed, factus, 'update', [], needs)).toEqual({});
    }
    expect(RETYPE_SECRET).toBe('secretSafety.retypeSecret');
  });

  it('a required secret that is no longer stored (dropped as unreadable) must be typed', () => {
    const editing = profile({ secrets: { clientSecret: false, password: true, preSharedKey: false } });
    const draft = draftFromProfile(editing);
    const needs = secretNeeds(draft, factus, editing);
    expect(needs).toEqual({ clientSecret: 'missing' });
    expect(validateDraft(draft, factus, 'update', [], needs).clientSecret).toEqual({ message: 'validation.required' });
  });
});

describe('texts', () => {
  it('a dropped secret is named, in each language', () => {
    const failure = { errorClass: 'credentials' as const, code: 'secret_dropped', fields: ['clientSecret', 'password'] };
    expect(explainFailure(failure, factus, 'en', translator(en)).text).toBe(
      'Type the client secret and the password again: what was stored could not be read, so Tessera set it aside. Use “Edit” to type it.',
    );
    expect(explainFailure(failure, factus, 'es', translator(es)).text).toMatch(
      /^Vuelva a escribir el secreto del cliente y la contraseña:/,
    );
    expect(explainFailure(failure, factus, 'pt', translator(pt)).text).toMatch(/^Digite o segredo do cliente e a senha de novo:/);
    expect(explainFailure({ ...failure, fields: ['preSharedKey'] }, factus, 'en', translator(en)).text).toMatch(
      /^Type the pre-shared key again/,
    );
  });

  it('core’s codes and message keys for these findings all have texts', () => {
    const keys = [
      RETYPE_SECRET,
      'secretSafety.retypeHint',
      'secretSafety.missingHint',
      ...['secret_dropped', 'secrets_unbound', 'bad_token'].map((c) => `secretSafety.codes.${c}`),
      ...['exists', 'protectedFolder', 'folderNotYours', 'folderOpen', 'takenByProfile'].map((k) => `tokenFileRules.${k}`),
      ...['not_ours', 'unwritable'].map((p) => `tokenFileRules.problems.${p}`),
      ...['profiles', 'secrets', 'keys', 'other', 'secretsNext', 'keysNext'].map((k) => `storeRepair.${k}`),
    ];
    for (const [lang, messages] of Object.entries({ en, es, pt })) {
      const t = translator(messages);
      // Strings on purpose: a key missing from the catalog must fail here, not at compile time.
      for (const key of keys) expect(t(key as MessageKey), `${lang}: ${key}`).not.toBe(key);
    }
    expect(explainFailure({ errorClass: 'protocol', code: 'bad_token' }, factus, 'en', translator(en)).text).toMatch(/16 KiB/);
  });
});
