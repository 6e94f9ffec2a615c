// What the renderer says about issue 9's cases, in plain words: the timeline's notes on where a
// lifetime came from and which path a renewal took, the stop after unusable answers (no
// "Sign-in refused"), and the wizard accepting an eReceipt draft without framework or key.
import { describe, expect, it } from 'vitest';

import { providerCatalog } from '../../../electron/core/providers';
import { draftForProvider, emptyDraft, toProfileDraft, validateDraft, withDemoCredentials } from '../../../renderer/src/app/draft';
import type { Translate } from '../../../renderer/src/app/explain';
import { describeHistoryEvent } from '../../../renderer/src/app/history';
import { en } from '../../../renderer/src/i18n/locales/en';
import { es } from '../../../renderer/src/i18n/locales/es';
import { pt } from '../../../renderer/src/i18n/locales/pt';

const translator =
  (messages: unknown): Translate =>
  (key, values = {}) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
const t = translator(en);
const info = (id: string) => providerCatalog().find((p) => p.id === id)!;

describe('the timeline', () => {
  it('says a lifetime was taken from the token or assumed', () => {
    const fromToken = describeHistoryEvent(
      { at: 0, kind: 'signed-in', trigger: 'user', mechanism: 'login', ms: 80, notes: ['lifetime-from-token'] },
      info('onapi'),
      'en',
      t,
    );
    expect(fromToken.details).toEqual(['you asked', 'took 0.1\u00a0s', 'lifetime taken from the token']);
    const assumed = describeHistoryEvent(
      { at: 0, kind: 'renewed', trigger: 'schedule', mechanism: 'refresh-token', notes: ['lifetime-assumed'] },
      info('onapi'),
      'en',
      t,
    );
    expect(assumed.details).toContain('lifetime not given: 5 minutes assumed');
  });

  it('says which path a renewal took: the fallback login, and the mechanism of a failure', () => {
    const fallback = describeHistoryEvent(
      { at: 0, kind: 'signed-in', trigger: 'schedule', mechanism: 'login', notes: ['refresh-fallback'] },
      info('multinexo'),
      'en',
      t,
    );
    expect(fallback.details).toContain('full sign-in, as the refresh was refused');
    const failed = describeHistoryEvent(
      { at: 0, kind: 'failed', trigger: 'retry', mechanism: 'refresh-token', code: 'http_503', ms: 2000 },
      info('multinexo'),
      'en',
      t,
    );
    expect(failed.details).toEqual(['automatic retry', 'with the refresh token', 'next try in 2\u00a0s']);
  });

  it('a stop after unusable answers is not called a refused sign-in', () => {
    const stop = describeHistoryEvent(
      { at: 0, kind: 'needs-attention', trigger: 'retry', mechanism: 'login', errorClass: 'protocol', code: 'missing_field', status: 200 },
      info('onapi'),
      'en',
      t,
    );
    expect(stop.title).toBe(
      '3 answers in a row could not be used; automatic attempts stopped: The provider’s answer lacked a required field.',
    );
    expect(stop.title).not.toMatch(/refused/i);
    const credentials = describeHistoryEvent(
      { at: 0, kind: 'needs-attention', errorClass: 'credentials', code: 'invalid_client', status: 400 },
      info('ereceipt'),
      'en',
      t,
    );
    expect(credentials.title).toMatch(/^Sign-in refused; automatic attempts stopped: The client ID or client secret was rejected/);
    const fellBack = describeHistoryEvent(
      { at: 0, kind: 'refresh-rejected', errorClass: 'protocol', code: 'not_json', status: 200 },
      info('factus'),
      'en',
      t,
    );
    expect(fellBack.title).toBe('The answer to the refresh could not be used; signing in again');
  });

  it('has every new line in Spanish and Portuguese too', () => {
    for (const messages of [es, pt]) {
      const tr = translator(messages);
      const line = describeHistoryEvent(
        { at: 0, kind: 'signed-in', notes: ['lifetime-from-token', 'lifetime-assumed', 'refresh-fallback'] },
        info('onapi'),
        'es',
        tr,
      );
      for (const detail of line.details) expect(detail).not.toMatch(/^fieldNotes\./);
      expect(tr('fieldNotes.history.stoppedUnusable')).toContain('3');
      expect(tr('fieldNotes.lifetimeAssumed')).toContain('5');
    }
  });
});

describe('the wizard', () => {
  const ereceipt = info('ereceipt');
  const draft = withDemoCredentials(draftForProvider({ ...emptyDraft(), name: 'Till' }, ereceipt, 'Windows 11'), ereceipt);

  it('accepts an eReceipt draft without framework and pre-shared key, and sends them empty to core', () => {
    const bare = { ...draft, envKind: 'sandbox' as const, credentials: { ...draft.credentials, posFramework: '', preSharedKey: '' } };
    expect(validateDraft(bare, ereceipt, 'create')).toEqual({});
    expect(toProfileDraft(bare, ereceipt, 'create').credentials).toMatchObject({ posFramework: '', preSharedKey: '' });
  });

  it('still requires the serial and OS version, and limits the optional fields when given', () => {
    const issues = validateDraft(
      {
        ...draft,
        credentials: { ...draft.credentials, posSerial: '', posOsVersion: '', posFramework: 'F'.repeat(11), preSharedKey: 'k'.repeat(201) },
      },
      ereceipt,
      'create',
    );
    expect(issues).toMatchObject({
      posSerial: { message: 'validation.required' },
      posOsVersion: { message: 'validation.required' },
      posFramework: { message: 'validation.tooLong', maximum: 10 },
      preSharedKey: { message: 'validation.tooLong', maximum: 200 },
    });
  });
});
