// The renderer's pure logic: status derivation, failure explanations, history lines, the
// wizard's validation (the vault's own schema), language choice and formatting.
import { describe, expect, it } from 'vitest';

import type { ProfileView } from '#common/contract';
import { pickLanguage } from '#common/language';

import { providerCatalog } from '../../../electron/core/providers';
import {
  draftForProvider,
  draftFromProfile,
  emptyDraft,
  issuesFromViews,
  toProfileDraft,
  validateDraft,
  withDemoCredentials,
} from '../../../renderer/src/app/draft';
import { explainFailure, type Translate } from '../../../renderer/src/app/explain';
import { describeHistoryEvent } from '../../../renderer/src/app/history';
import { displayStatus, isExpiringSoon, remainingFraction } from '../../../renderer/src/app/status';
import { formatClock, formatDuration, formatLifetime } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/locales/en';

/** A `t` over the English messages, with i18next's {{placeholder}} interpolation. */
const t: Translate = (key, values = {}) => {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};

const catalog = providerCatalog();
const info = (id: string) => catalog.find((p) => p.id === id)!;
type TokenView = ProfileView['token'];
const token = (over: Partial<TokenView>): TokenView => ({ profileId: 'p', state: 'valid', since: 0, failures: 0, ...over });

describe('status', () => {
  const t0 = 1_000_000;
  const valid = token({ issuedAt: t0, expiresAt: t0 + 100_000, renewAt: t0 + 80_000 });

  it('is valid early in the lifetime', () => {
    expect(displayStatus(valid, t0 + 10_000)).toBe('valid');
    expect(remainingFraction(valid, t0 + 10_000)).toBeCloseTo(0.9);
  });

  it('is expiring soon once renewal is overdue or under a tenth of the lifetime is left', () => {
    expect(isExpiringSoon(valid, t0 + 80_000)).toBe(true);
    expect(displayStatus({ ...valid, renewAt: undefined }, t0 + 91_000)).toBe('expiring');
    expect(displayStatus({ ...valid, renewAt: undefined }, t0 + 89_000)).toBe('valid');
  });

  it('never shows a token past its expiry as valid', () => {
    expect(displayStatus(valid, t0 + 100_000)).toBe('expired');
  });

  it('passes the engine states through', () => {
    for (const state of ['renewing', 'retrying', 'needs-attention', 'signed-out', 'acquiring', 'expired'] as const) {
      expect(displayStatus(token({ state }), t0)).toBe(state);
    }
  });
});

describe('failure explanations', () => {
  it('use the provider catalog first', () => {
    const e = explainFailure({ errorClass: 'credentials', code: 'invalid_presharedkey' }, info('ereceipt'), 'en', t);
    expect(e.text).toBe('The POS pre-shared key was rejected, or ETA expects one for this terminal: type the key ETA issued for it.');
    expect(e.heading).toBe('Sign-in refused');
  });

  it('use the catalog in the user’s language', () => {
    const e = explainFailure({ errorClass: 'credentials', code: 'credenciais_invalidas' }, info('invoisys'), 'pt', t);
    expect(e.text).toBe('O e-mail ou a senha foi recusado.');
  });

  it('explain Tessera’s own codes and bare HTTP statuses', () => {
    expect(explainFailure({ errorClass: 'transient', code: 'timeout' }, info('factus'), 'en', t).text).toBe(
      'The provider did not answer in time.',
    );
    expect(explainFailure({ errorClass: 'protocol', code: 'http_418', status: 418 }, info('factus'), 'en', t).text).toBe(
      'The server answered with HTTP status 418.',
    );
    expect(explainFailure({ errorClass: 'credentials', code: 'weird_code' }, info('onapi'), 'en', t).text).toContain('weird_code');
  });

  it('show an excerpt only for unexpected responses', () => {
    expect(explainFailure({ errorClass: 'protocol', code: 'not_json', excerpt: '<html>' }, undefined, 'en', t).excerpt).toBe('<html>');
    expect(explainFailure({ errorClass: 'transient', code: 'http_503', excerpt: 'x' }, undefined, 'en', t).excerpt).toBeUndefined();
  });
});

describe('history lines', () => {
  it('say what happened, why and the numbers', () => {
    const line = describeHistoryEvent({ at: 0, kind: 'failed', trigger: 'retry', code: 'http_503', ms: 4000 }, info('factus'), 'en', t);
    expect(line.title).toBe('Attempt failed: The provider’s service is unavailable for now.');
    // Durations are rounded and written with units (issue 11): "4 s", not "4 seconds".
    expect(line.details).toEqual(['automatic retry', 'next try in 4\u00a0s']);
    expect(line.problem).toBe(true);
    const renewed = describeHistoryEvent(
      { at: 0, kind: 'renewed', trigger: 'schedule', mechanism: 'refresh-token', ms: 120 },
      undefined,
      'en',
      t,
    );
    expect(renewed.title).toBe('Token renewed with the refresh token');
    expect(renewed.details).toEqual(['on schedule', 'took 0.1\u00a0s']);
  });
});

describe('wizard validation (the vault’s schema)', () => {
  const ereceipt = info('ereceipt');
  const base = withDemoCredentials(draftForProvider({ ...emptyDraft(), name: 'Till' }, ereceipt, 'Debian 12'), ereceipt);

  it('prefills defaults and the OS version, and demo values', () => {
    expect(base.credentials.posOsVersion).toBe('Debian 12');
    expect(base.credentials.posSerial).toBe('SANDBOX-POS-0001');
    expect(draftForProvider(emptyDraft(), info('multinexo'), '').credentials.scope).toBe('openid profile email voucher');
  });

  it('accepts a complete draft', () => {
    expect(validateDraft({ ...base, envKind: 'sandbox' }, ereceipt, 'create')).toEqual({});
  });

  it('reports limits with their maximum, on the right field', () => {
    const issues = validateDraft({ ...base, credentials: { ...base.credentials, posSerial: 'S'.repeat(300) } }, ereceipt, 'create');
    expect(issues.posSerial).toEqual({ message: 'validation.tooLong', maximum: 100 });
  });

  it('refuses plain http away from loopback, and allows it on loopback', () => {
    const custom = { ...base, envKind: 'custom' as const };
    expect(validateDraft({ ...custom, baseUrl: 'http://id.eta.gov.eg' }, ereceipt, 'create').baseUrl?.message).toBe(
      'validation.url.insecure',
    );
    expect(validateDraft({ ...custom, baseUrl: 'http://127.0.0.1:8080' }, ereceipt, 'create').baseUrl).toBeUndefined();
  });

  it('checks the name even before a provider is chosen, including clashes', () => {
    const issues = validateDraft({ ...emptyDraft(), name: 'Front desk ' }, undefined, 'create', ['front desk']);
    expect(issues.name?.message).toBe('validation.nameTaken');
    expect(issues.provider?.message).toBe('validation.provider');
  });

  it('treats empty secrets as "keep" when editing, and leaves them out of what is sent', () => {
    const profile = {
      id: 'p1',
      name: 'Till',
      provider: 'ereceipt',
      environment: { kind: 'sandbox' },
      fields: { clientId: 'c', posSerial: 's', posOsVersion: 'o', posFramework: 'f' },
      secrets: { clientSecret: true, password: false, preSharedKey: true },
      createdAt: 0,
      updatedAt: 0,
      token: token({}),
      fileSink: null,
    } satisfies ProfileView;
    const draft = draftFromProfile(profile);
    expect(draft.credentials.clientSecret).toBeUndefined();
    expect(validateDraft(draft, ereceipt, 'update')).toEqual({});
    expect(validateDraft(draft, ereceipt, 'create').clientSecret?.message).toBe('validation.required');
    expect(Object.keys(toProfileDraft(draft, ereceipt, 'update').credentials)).not.toContain('clientSecret');
  });

  it('maps the vault’s field issues back onto fields', () => {
    expect(
      issuesFromViews([
        { path: 'credentials.posSerial', message: 'validation.tooLong', maximum: 100 },
        { path: 'environment.baseUrl', message: 'validation.url.insecure' },
        { path: 'name', message: 'validation.nameTaken' },
      ]),
    ).toEqual({
      posSerial: { message: 'validation.tooLong', maximum: 100 },
      baseUrl: { message: 'validation.url.insecure' },
      name: { message: 'validation.nameTaken' },
    });
  });
});

describe('language choice', () => {
  it('prefers the saved choice, then the OS, then the browser, then English', () => {
    expect(pickLanguage('pt', 'es-AR', ['en-US'])).toBe('pt');
    expect(pickLanguage(null, 'es_AR.UTF-8', ['pt-BR'])).toBe('es');
    expect(pickLanguage(null, 'de-DE', ['fr', 'pt-BR'])).toBe('pt');
    expect(pickLanguage(null, 'de-DE', ['fr'])).toBe('en');
  });
});

describe('formatting', () => {
  it('draws countdowns as clocks', () => {
    expect(formatClock(59_000)).toBe('0:59');
    expect(formatClock(3_599_000)).toBe('59:59');
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('says durations in words, in each language', () => {
    expect(formatDuration(900_000, 'en')).toBe('15 minutes');
    expect(formatDuration(3_600_000, 'es')).toBe('1 hora');
    expect(formatDuration(92_843_000, 'en')).toBe('1 day and 1 hour');
    expect(formatLifetime(3599, 'en')).toBe('1 hour');
  });
});
